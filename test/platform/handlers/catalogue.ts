import type { CatalogueRequest, CatalogueResponse } from '../../../shared/platform/catalogue';
import { PLATFORM_INTERFACE_VERSION } from '../../../shared/platform/version';
import { ok, refuse } from '../context';
import type { Answer, DeviceRow, PlatformContext } from '../context';

/** The device's hall's catalogue; 'current' when the device already holds this version. */
export function catalogue(
  ctx: PlatformContext,
  request: CatalogueRequest,
  device: DeviceRow,
): Answer {
  const signed = ctx.catalogues.get(device.hall_code);
  if (!signed) return refuse('not-found');
  const body: CatalogueResponse =
    request.haveVersion === signed.catalogue.version
      ? { interfaceVersion: PLATFORM_INTERFACE_VERSION, status: 'current' }
      : { interfaceVersion: PLATFORM_INTERFACE_VERSION, status: 'updated', catalogue: signed };
  return ok(body);
}
