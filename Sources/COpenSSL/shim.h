#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

// The signature search digests millions of candidates that share a prefix. The low-level
// SHA_CTX and SHA256_CTX states are plain structs, so Swift copies a state that has absorbed
// a prefix by value, with no allocation; EVP_MD_CTX_copy_ex allocates a provider context on
// every copy in OpenSSL 3. Measured here for a 96-byte message: EVP 4.9 M/s, low-level
// 9.3 M/s, low-level with a copied 64-byte prefix 15 M/s. OpenSSL 3 marks these functions
// deprecated, which would make every call a warning in Swift; this define keeps them quiet.
// Remove it, and move Digest/DigestState.swift to EVP, once OpenSSL drops the low-level API.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/sha.h>

#endif
