import shippedRoot from '../../resources/trust/platform-root.pem?raw';

/**
 * The platform's device-CA root provisioned with the installation (resources/trust), against
 * which enrolment checks the device's certificate. The shipped file is the reference platform's
 * DEMO root; a real deployment replaces it with the province's (resources/trust/README.md).
 */
export function provisionedRootCertificates(): readonly string[] {
  return [shippedRoot];
}
