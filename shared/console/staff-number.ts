/**
 * Staff numbers are case-insensitive: `c002` and `C002` are one person. They are stored, shown
 * and logged in upper case; whatever is typed is read the same way.
 */
export function normaliseStaffNumber(typed: string): string {
  return typed.trim().toUpperCase();
}

export function sameStaffNumber(a: string, b: string): boolean {
  return normaliseStaffNumber(a) === normaliseStaffNumber(b);
}
