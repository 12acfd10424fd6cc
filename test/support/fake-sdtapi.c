/*
 * A stand-in for a reader vendor's SDT API library, for the koffi driver's tests
 * (test/unit/electron/idcard/vendor-library.test.ts compiles it when a C compiler is present).
 * FAKE_SetCard places a card's 256-byte text on the "reader", or lifts it.
 */
#include <stdint.h>
#include <string.h>

static uint8_t card_text[256];
static int card_present = 0;

int FAKE_SetCard(const uint8_t *text, int present) {
  if (text) memcpy(card_text, text, sizeof card_text);
  card_present = present;
  return 0;
}

int SDT_OpenPort(int port) { return port == 1001 ? 0x90 : 0x01; }
int SDT_ClosePort(int port) { (void)port; return 0x90; }

int SDT_StartFindIDCard(int port, uint8_t *mana, int if_open) {
  (void)port; (void)if_open;
  memset(mana, 0, 8);
  return card_present ? 0x9f : 0x80;
}

int SDT_SelectIDCard(int port, uint8_t *mana, int if_open) {
  (void)port; (void)if_open;
  memset(mana, 0, 8);
  return card_present ? 0x90 : 0x81;
}

#ifndef FAKE_WITHOUT_READ
int SDT_ReadBaseMsg(int port, uint8_t *text, uint32_t *text_len, uint8_t *photo,
                    uint32_t *photo_len, int if_open) {
  (void)port; (void)if_open;
  if (!card_present) return 0x41;
  memcpy(text, card_text, sizeof card_text);
  *text_len = sizeof card_text;
  for (int i = 0; i < 1024; i += 1) photo[i] = (uint8_t)i;
  *photo_len = 1024;
  return 0x90;
}
#endif
