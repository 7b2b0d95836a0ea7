#ifndef SWANSIM_COPENSSL_SHIM_H
#define SWANSIM_COPENSSL_SHIM_H
// Only libcrypto's message-digest interface is used: SHA-256 through EVP.
#include <openssl/evp.h>
#endif
