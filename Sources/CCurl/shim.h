#ifndef YARDSTICK_CCURL_SHIM_H
#define YARDSTICK_CCURL_SHIM_H
#include <curl/curl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

// curl_easy_setopt is variadic, which Swift cannot call: one typed wrapper per argument type.
static inline CURLcode yardstick_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode yardstick_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode yardstick_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode yardstick_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode yardstick_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*yardstick_curl_write_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode yardstick_curl_setopt_write_function(CURL *handle, CURLoption option, yardstick_curl_write_callback cb) {
    return curl_easy_setopt(handle, option, cb);
}
typedef int (*yardstick_curl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode yardstick_curl_setopt_xferinfo_function(CURL *handle, CURLoption option, yardstick_curl_xferinfo_callback cb) {
    return curl_easy_setopt(handle, option, cb);
}
static inline CURLcode yardstick_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode yardstick_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode yardstick_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
// CURLOPT_OPENSOCKETFUNCTION: the address libcurl is about to connect to, checked before the socket exists.
typedef curl_socket_t (*yardstick_curl_opensocket_callback)(void *clientp, curlsocktype purpose, struct curl_sockaddr *address);
static inline CURLcode yardstick_curl_setopt_opensocket_function(CURL *handle, CURLoption option, yardstick_curl_opensocket_callback cb) {
    return curl_easy_setopt(handle, option, cb);
}
// Copies the IP address of `address` into `out` (16 bytes of room); returns 4, 16, or 0 for other families.
static inline int yardstick_curl_sockaddr_ip(const struct curl_sockaddr *address, unsigned char *out) {
    if (address->family == AF_INET) {
        const struct sockaddr_in *in4 = (const struct sockaddr_in *)(const void *)&address->addr;
        memcpy(out, &in4->sin_addr, 4);
        return 4;
    }
    if (address->family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)&address->addr;
        memcpy(out, &in6->sin6_addr, 16);
        return 16;
    }
    return 0;
}
// Opens the socket libcurl asked for, close-on-exec so programs started later do not inherit it.
static inline curl_socket_t yardstick_curl_open_socket(const struct curl_sockaddr *address) {
    return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}
#endif
