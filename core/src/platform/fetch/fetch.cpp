#include "platform/fetch/fetch.hpp"

#include <algorithm>
#include <cstdlib>
#include <cctype>
#include <memory>
#include <mutex>

#include <boost/url/parse.hpp>
#include <curl/curl.h>
#include <sys/socket.h>

#include "platform/fetch/public_address.hpp"

namespace qt::fetch {
namespace {

struct Sink {
  Response* response;
  std::size_t max_bytes;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto& sink = *static_cast<Sink*>(user);
  const std::size_t len = size * n;
  if (sink.response->body.size() + len > sink.max_bytes) {
    sink.too_large = true;
    return 0;  // aborts the transfer
  }
  sink.response->body.append(data, len);
  return len;
}

// Keeps the headers of the last response only (a proxy's CONNECT answer comes first).
std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto& headers = static_cast<Sink*>(user)->response->headers;
  std::string line(data, size * n);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) headers.clear();
  const auto colon = line.find(':');
  if (colon == std::string::npos || colon == 0) return size * n;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto value = line.substr(colon + 1);
  value.erase(0, value.find_first_not_of(" \t"));
  headers.emplace_back(std::move(name), std::move(value));
  return size * n;
}

// CURLOPT_OPENSOCKETFUNCTION for Request::public_only: no socket for an address that is not public.
curl_socket_t open_public_only(void* refused, curlsocktype purpose, curl_sockaddr* address) {
  if (purpose == CURLSOCKTYPE_IPCXN && !is_public_address(&address->addr)) {
    *static_cast<bool*>(refused) = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

bool proxy_configured() {
  for (const char* name : {"https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy", "ALL_PROXY"})
    if (const char* v = std::getenv(name); v && *v) return true;
  return false;
}

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Slist = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

void set_method(CURL* c, const Request& r) {
  if (r.method == "GET") return;
  if (r.method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    return;
  }
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method.c_str());
  if (r.method != "DELETE" || !r.body.empty()) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
  }
}

}  // namespace

std::string Response::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return v;
  return {};
}

std::string host_of(const std::string& url) {
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u) throw Error(Error::Kind::invalid, "'" + url + "' is not an absolute URL");
  const std::string scheme(u->scheme());
  if (scheme != "http" && scheme != "https")
    throw Error(Error::Kind::invalid, "URL scheme '" + scheme + "' is not allowed (http or https)");
  std::string host(u->encoded_host());
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (host.empty()) throw Error(Error::Kind::invalid, "URL '" + url + "' has no host");
  return host;
}

Response perform(const Request& r) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Easy easy(curl_easy_init(), &curl_easy_cleanup);
  if (!easy) throw Error(Error::Kind::network, "curl_easy_init failed");
  CURL* c = easy.get();
  Response response;
  Sink sink{&response, r.max_bytes};
  Slist headers(nullptr, &curl_slist_free_all);
  for (const auto& h : r.headers) headers.reset(curl_slist_append(headers.release(), h.c_str()));
  char errbuf[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect could leave the allow-list
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, r.timeout_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(r.timeout_ms, 10'000L));
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(r.max_bytes));
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip etc. if the server offers; decoded
  curl_easy_setopt(c, CURLOPT_USERAGENT, r.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  set_method(c, r);
  bool refused = false;
  if (r.public_only && !proxy_configured()) {
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, &open_public_only);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &refused);
  }
  const CURLcode rc = curl_easy_perform(c);
  if (refused)
    throw Error(Error::Kind::not_public, "the host of " + r.url + " resolves to an address that is not public");
  if (sink.too_large || rc == CURLE_FILESIZE_EXCEEDED)
    throw Error(Error::Kind::too_large, "the response is larger than " + std::to_string(r.max_bytes) + " bytes");
  if (rc == CURLE_OPERATION_TIMEDOUT)
    throw Error(Error::Kind::timeout, "timed out after " + std::to_string(r.timeout_ms) + " ms");
  if (rc != CURLE_OK) throw Error(Error::Kind::network, errbuf[0] ? errbuf : curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace qt::fetch
