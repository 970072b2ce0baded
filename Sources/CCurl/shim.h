#ifndef YARDSTICK_CCURL_SHIM_H
#define YARDSTICK_CCURL_SHIM_H
#include <curl/curl.h>

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
#endif
