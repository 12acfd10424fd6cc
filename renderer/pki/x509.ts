// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API
// installed before the library loads; imports run in order, so this one comes first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/**
 * @peculiar/x509, set up once: its WebCrypto is the one in use (the browser's, or Node's global
 * one in tests), so keys and certificates it makes and checks stay inside that WebCrypto.
 */
x509.cryptoProvider.set(globalThis.crypto);

export { x509 };
