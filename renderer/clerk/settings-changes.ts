import type { HallSettings } from '../settings/hall-settings';

type Json = string | number | boolean | null;

/** Every leaf that differs between two settings, as dotted keys ('idle.clerkSignOutMinutes'). */
export function settingsChanges(
  from: HallSettings,
  to: HallSettings,
): { readonly key: string; readonly from: Json; readonly to: Json }[] {
  const changes: { key: string; from: Json; to: Json }[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (typeof b === 'object' && b !== null) {
      for (const k of Object.keys(b))
        walk(
          (a as Record<string, unknown> | null)?.[k],
          (b as Record<string, unknown>)[k],
          path ? `${path}.${k}` : k,
        );
      return;
    }
    if (a !== b) changes.push({ key: path, from: (a ?? null) as Json, to: b as Json });
  };
  walk(from, to, '');
  return changes;
}
