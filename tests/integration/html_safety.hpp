#pragma once
// What the web UI may insert as HTML (body_html of items and comments): a small tag scanner that
// lists every element, attribute or URL that could run script. The UI puts body_html into the
// page as it is, so anything listed here would be a stored XSS.
#include <cctype>
#include <string>
#include <vector>

namespace qt::test {

inline std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Problems found in html, e.g. "element <script>" or "attribute onerror"; empty when it is safe.
inline std::vector<std::string> script_risks(const std::string& html) {
  static const std::vector<std::string> bad_elements = {"script", "iframe", "object", "embed", "style", "svg",
                                                        "math",   "form",   "input",  "button", "textarea",
                                                        "base",   "meta",   "link",   "frame",  "frameset"};
  static const std::vector<std::string> url_attrs = {"href", "src", "action", "formaction", "xlink:href", "srcset"};
  std::vector<std::string> out;
  const std::string h = lower_ascii(html);
  for (std::size_t i = h.find('<'); i != std::string::npos; i = h.find('<', i + 1)) {
    std::size_t j = i + 1;
    if (j < h.size() && h[j] == '/') ++j;
    if (j >= h.size() || !std::isalpha(static_cast<unsigned char>(h[j]))) continue;  // text or a comment
    std::size_t k = j;
    while (k < h.size() && (std::isalnum(static_cast<unsigned char>(h[k])) || h[k] == '-' || h[k] == ':')) ++k;
    const std::string name = h.substr(j, k - j);
    for (const auto& b : bad_elements)
      if (name == b) out.push_back("element <" + name + ">");
    const std::size_t end = h.find('>', k);
    const std::string attrs = h.substr(k, end == std::string::npos ? std::string::npos : end - k);
    // Attribute names: a run of name characters after whitespace, before '=' or whitespace.
    std::size_t a = 0;
    while (a < attrs.size()) {
      while (a < attrs.size() && (std::isspace(static_cast<unsigned char>(attrs[a])) || attrs[a] == '/')) ++a;
      std::size_t b = a;
      while (b < attrs.size() && !std::isspace(static_cast<unsigned char>(attrs[b])) && attrs[b] != '=' && attrs[b] != '/') ++b;
      const std::string attr = attrs.substr(a, b - a);
      std::string value;
      if (b < attrs.size() && attrs[b] == '=') {
        ++b;
        if (b < attrs.size() && (attrs[b] == '"' || attrs[b] == '\'')) {
          const char q = attrs[b];
          const auto close = attrs.find(q, b + 1);
          value = attrs.substr(b + 1, close == std::string::npos ? std::string::npos : close - b - 1);
          b = close == std::string::npos ? attrs.size() : close + 1;
        } else {
          std::size_t e = b;
          while (e < attrs.size() && !std::isspace(static_cast<unsigned char>(attrs[e]))) ++e;
          value = attrs.substr(b, e - b);
          b = e;
        }
      }
      if (attr.size() > 2 && attr.rfind("on", 0) == 0) out.push_back("attribute " + attr + " on <" + name + ">");
      if (attr == "style") out.push_back("attribute style on <" + name + ">");
      for (const auto& u : url_attrs)
        if (attr == u) {
          std::string v;
          for (char c : value)
            if (!std::isspace(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) >= 0x20) v += c;
          if (v.rfind("javascript:", 0) == 0 || v.rfind("vbscript:", 0) == 0 || v.rfind("data:text", 0) == 0 ||
              v.rfind("&#", 0) == 0 || v.rfind("javascript&", 0) == 0)
            out.push_back("URL " + value + " in " + attr + " of <" + name + ">");
        }
      a = b > a ? b : a + 1;
    }
  }
  return out;
}

}  // namespace qt::test
