// ABI 1.2, jobs: http_fetch, outbound HTTP for plugins through platform/fetch (libcurl), limited
// to the hosts in the plugin's [plugins.<name>] http_allow and refused on the HTTP I/O threads.
#include <boost/json.hpp>

#include "platform/fetch/fetch.hpp"
#include "platform/http/server.hpp"
#include "platform/util/version_info.hpp"
#include "plugin_host/api/host_api_detail.hpp"

namespace qt::plugin_host::detail {
namespace {

constexpr std::uint32_t kTimeoutDefault = 10'000, kTimeoutMax = 120'000;
constexpr std::uint32_t kBytesDefault = 1u << 20, kBytesMax = 64u << 20;

// The hosts of [plugins.<name>] http_allow (an array of host names), lower-case.
std::vector<std::string> allowed_hosts(const Plugin& p) {
  std::vector<std::string> out;
  auto it = p.config_values.find("http_allow");
  if (it == p.config_values.end()) return out;
  boost::system::error_code ec;
  auto v = boost::json::parse(it->second, ec);
  if (ec || !v.is_array())
    throw HostError(QT_ERR_DENIED, "[plugins." + p.name + "] http_allow must be a list of host names");
  for (const auto& e : v.as_array()) {
    if (!e.is_string()) continue;
    std::string h(e.as_string());
    std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out.push_back(std::move(h));
  }
  return out;
}

void check_allowed(const Plugin& p, const std::string& host) {
  const auto hosts = allowed_hosts(p);
  if (std::find(hosts.begin(), hosts.end(), host) == hosts.end())
    throw HostError(QT_ERR_DENIED, "http_fetch: host '" + host + "' is not allowed for plugin '" + p.name +
                                       "'; add it to http_allow in [plugins." + p.name + "] of the config");
}

// The core's User-Agent, then the plugin's own product tokens (ABI 1.4), checked so that they
// cannot break the header line or hide the core's part.
std::string user_agent(const qt_host* h, std::string_view product) {
  const auto& url = h->host->services().config.server.public_url;
  std::string ua = std::string("Quartier/" QUARTIER_VERSION_STRING) + (url.empty() ? "" : " (+" + url + ")");
  if (product.empty()) return ua;
  const bool printable = std::all_of(product.begin(), product.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
  if (product.size() > QT_USER_AGENT_PRODUCT_MAX || !printable || product.front() == ' ' || product.back() == ' ')
    throw HostError(QT_ERR_INVALID, "http_fetch: user_agent_product must be at most " + std::to_string(QT_USER_AGENT_PRODUCT_MAX) +
                                        " bytes of printable ASCII without leading or trailing spaces, such as "
                                        "\"myplugin/1.0\"; got " + std::to_string(product.size()) + " bytes" +
                                        (printable ? "" : " with a control or non-ASCII character"));
  return ua + " " + std::string(product);
}

bool text_ok(std::string_view v) {
  return std::none_of(v.begin(), v.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// "Name: value" lines of the plugin, checked: no empty names, no CR/NUL, not the core's headers.
void add_headers(fetch::Request& out, std::string_view lines) {
  while (!lines.empty()) {
    auto nl = lines.find('\n');
    std::string_view line = lines.substr(0, nl);
    lines = nl == std::string_view::npos ? std::string_view() : lines.substr(nl + 1);
    if (line.empty()) continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || !text_ok(line))
      throw HostError(QT_ERR_INVALID, "http_fetch: header line '" + std::string(line) + "' is not 'Name: value'");
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "host" || name == "user-agent" || name == "content-length")
      throw HostError(QT_ERR_INVALID, "http_fetch: the core sets the header '" + name + "'");
    out.headers.emplace_back(line);
  }
}

fetch::Request to_request(const qt_host* h, const qt_http_request& in) {
  fetch::Request r;
  r.method = in.method.len ? std::string(sv(in.method)) : "GET";
  static const std::string_view methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};
  if (std::find(std::begin(methods), std::end(methods), r.method) == std::end(methods))
    throw HostError(QT_ERR_INVALID, "http_fetch: unknown method '" + r.method + "'");
  r.url = std::string(sv(in.url));
  if (in.timeout_ms > kTimeoutMax) throw HostError(QT_ERR_INVALID, "http_fetch: timeout_ms is above 120000");
  if (in.max_bytes > kBytesMax) throw HostError(QT_ERR_INVALID, "http_fetch: max_bytes is above 64 MiB");
  r.timeout_ms = in.timeout_ms ? in.timeout_ms : kTimeoutDefault;
  r.max_bytes = in.max_bytes ? in.max_bytes : kBytesDefault;
  r.user_agent = user_agent(h, sv(in.user_agent_product));
  add_headers(r, sv(in.headers));
  if (!text_ok(sv(in.content_type)) || !text_ok(sv(in.if_none_match)) || !text_ok(sv(in.if_modified_since)))
    throw HostError(QT_ERR_INVALID, "http_fetch: content_type and validators must be one line each");
  if (in.content_type.len) r.headers.push_back("Content-Type: " + std::string(sv(in.content_type)));
  if (in.if_none_match.len) r.headers.push_back("If-None-Match: " + std::string(sv(in.if_none_match)));
  if (in.if_modified_since.len) r.headers.push_back("If-Modified-Since: " + std::string(sv(in.if_modified_since)));
  if (in.body.len) r.body.assign(reinterpret_cast<const char*>(in.body.ptr), in.body.len);
  return r;
}

qt_status api_http_fetch(qt_host* h, const qt_http_request* request, qt_http_fn fn, void* user) {
  return guarded(h, "http_fetch", [&] {
    if (http::on_io_thread())
      throw HostError(QT_ERR_STATE, "http_fetch blocks and is not allowed on an HTTP thread: call it in a job "
                                    "(job_enqueue, schedule_every) or a route with lane = QT_LANE_BLOCKING");
    if (!fn) throw HostError(QT_ERR_INVALID, "http_fetch: callback is NULL");
    const auto in = sized(request, "http_fetch: request");
    auto r = to_request(h, in);
    try {
      check_allowed(*h, fetch::host_of(r.url));
    } catch (const fetch::Error& e) {
      throw HostError(QT_ERR_INVALID, std::string("http_fetch: ") + e.what());
    }
    fetch::Response got;
    try {
      got = fetch::perform(r);
    } catch (const fetch::Error& e) {
      throw HostError(e.kind() == fetch::Error::Kind::invalid ? QT_ERR_INVALID : QT_ERR_INTERNAL,
                      "http_fetch " + r.url + ": " + e.what());
    }
    std::string lines;
    for (const auto& [k, v] : got.headers) lines += k + ": " + v + "\n";
    const auto type = got.header("content-type"), etag = got.header("etag"), modified = got.header("last-modified");
    qt_http_response out{};
    out.size = sizeof out;
    out.status = static_cast<int32_t>(got.status);
    out.body = qt_bytes{reinterpret_cast<const uint8_t*>(got.body.data()), got.body.size()};
    out.content_type = qs(type);
    out.etag = qs(etag);
    out.last_modified = qs(modified);
    out.headers = qs(lines);
    clear_last_error();
    return fn(user, &out);
  });
}

}  // namespace

void fill_http_api(qt_host_api& a, const HostServices& services) {
  if (services.durable) a.http_fetch = api_http_fetch;  // with the jobs: where it may block
}

}  // namespace qt::plugin_host::detail
