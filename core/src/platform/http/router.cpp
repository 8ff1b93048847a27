#include "platform/http/router.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace qt::http {

// A trie over path segments: literal children first, then one {param} child, then a {rest*} tail.
struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::unique_ptr<Node> tail;  // {name*}: matches the remaining path (at least one segment)
  std::string tail_name;
  std::vector<const Route*> routes;  // routes ending here, one per method
};

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    const auto j = path.find('/', i);
    const auto end = j == std::string_view::npos ? path.size() : j;
    if (end > i) out.push_back(path.substr(i, end - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

bool valid_param_name(std::string_view n) {
  return !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  Node* node = root_.get();
  const auto segments = split_path(pattern);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto seg = segments[i];
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      auto name = seg.substr(1, seg.size() - 2);
      if (!name.empty() && name.back() == '*') {
        name.remove_suffix(1);
        if (i + 1 != segments.size() || !valid_param_name(name))
          throw std::invalid_argument("a {name*} segment must be last and named: " + pattern);
        if (!node->tail) {
          node->tail = std::make_unique<Node>();
          node->tail_name = name;
        } else if (node->tail_name != name) {
          throw std::invalid_argument("conflicting tail name in " + pattern);
        }
        node = node->tail.get();
        continue;
      }
      if (!valid_param_name(name)) throw std::invalid_argument("bad parameter name in " + pattern);
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = name;
      } else if (node->param_name != name) {
        throw std::invalid_argument("parameter {" + std::string(name) + "} conflicts with {" +
                                    node->param_name + "} at the same place in " + pattern);
      }
      node = node->param.get();
    } else {
      if (seg.find_first_of("{}") != std::string_view::npos)
        throw std::invalid_argument("braces must enclose a whole segment: " + pattern);
      auto it = node->literals.find(seg);
      if (it == node->literals.end()) it = node->literals.emplace(std::string(seg), std::make_unique<Node>()).first;
      node = it->second.get();
    }
  }
  for (const Route* r : node->routes)
    if (r->method == method) throw std::invalid_argument("duplicate route " + method + " " + pattern);
  routes_.push_back(std::make_unique<Route>(Route{std::move(method), std::move(pattern), std::move(handler), std::move(options)}));
  node->routes.push_back(routes_.back().get());
}

// Depth-first: literals beat parameters beat tails, so /api/me wins over /api/{x}.
Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  const auto segs = split_path(path);
  // Iterative search with explicit backtracking through a small recursive lambda.
  std::vector<std::pair<std::string, std::string>> params;
  const Node* found = nullptr;
  auto search = [&](auto&& self, const Node* node, std::size_t i) -> bool {
    if (i == segs.size()) {
      if (!node->routes.empty()) {
        found = node;
        return true;
      }
      return false;
    }
    if (auto it = node->literals.find(segs[i]); it != node->literals.end())
      if (self(self, it->second.get(), i + 1)) return true;
    if (node->param) {
      params.emplace_back(node->param_name, std::string(segs[i]));
      if (self(self, node->param.get(), i + 1)) return true;
      params.pop_back();
    }
    if (node->tail && !node->tail->routes.empty()) {
      // The tail takes the rest of the path as written (segments joined by '/').
      std::string rest(segs[i]);
      for (std::size_t k = i + 1; k < segs.size(); ++k) {
        rest += '/';
        rest += segs[k];
      }
      params.emplace_back(node->tail_name, std::move(rest));
      found = node->tail.get();
      return true;
    }
    return false;
  };
  if (!search(search, root_.get(), 0)) return m;

  const std::string_view want = method == "HEAD" ? std::string_view("GET") : method;
  for (const Route* r : found->routes)
    if (r->method == want) {
      m.kind = Match::Kind::found;
      m.route = r;
      m.params = std::move(params);
      return m;
    }
  std::vector<std::string> allowed;
  for (const Route* r : found->routes) {
    allowed.push_back(r->method);
    if (r->method == "GET") allowed.emplace_back("HEAD");
  }
  std::sort(allowed.begin(), allowed.end());
  m.kind = Match::Kind::method_not_allowed;
  for (const auto& a : allowed) {
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += a;
  }
  return m;
}

std::vector<const Route*> Router::routes() const {
  std::vector<const Route*> out;
  for (const auto& r : routes_) out.push_back(r.get());
  return out;
}

}  // namespace qt::http
