#pragma once
#include <qrencode.h>

// Two functions libqrencode exports (ABI 3 and 4, Debian 12's libqrencode4 included) but does
// not declare in <qrencode.h>. Declared here so that a library without them fails at link
// time rather than at run time.

/// Splits `string` into numeric, alphanumeric, Kanji and 8-bit segments and appends them to
/// `input` — what QRcode_encodeString does before encoding (split.h). Returns 0, or -1 with errno.
extern int Split_splitStringToQRinput(const char *string, QRinput *input, QRencodeMode hint, int casesensitive);

/// Builds the symbol for `input` with data mask `mask` (0…7); -1 lets libqrencode choose
/// (qrencode.c). Returns NULL with errno set on failure.
extern QRcode *QRcode_encodeMask(QRinput *input, int mask);
