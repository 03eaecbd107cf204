// OpenSSL's libcrypto (Debian `libssl-dev`): SHA-256 through the EVP interface,
// which uses the CPU's SHA instructions where it has them.
#include <openssl/evp.h>
