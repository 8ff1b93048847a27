#include "domain/credentials/password.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>
#include <fstream>
#include <mutex>
#include <shared_mutex>
#include <unordered_set>

#include <sodium.h>

#include "platform/util/embedded.hpp"

namespace qt::accounts {

namespace {

const std::unordered_set<std::string_view>& common_set() {
  static const std::unordered_set<std::string_view> set = [] {
    std::unordered_set<std::string_view> s;
    // core/data/common_passwords.txt, embedded at build time: one lower-case entry per line.
    std::string_view rest = embedded::find("data/common_passwords.txt").value_or("");
    while (!rest.empty()) {
      const auto nl = rest.find('\n');
      s.insert(rest.substr(0, nl));
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
    return s;
  }();
  return set;
}

constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;  // t = 2
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;         // 64 MiB
static_assert(kOpsLimit >= 2 && kMemLimit >= 19u * 1024u * 1024u, "baseline: t>=2, m>=19 MiB");

void ensure_sodium() {
  static const int ok = sodium_init();
  if (ok < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool all_same(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return c == s.front(); });
}

std::shared_mutex extra_mu;
std::unordered_set<std::string> extra_set;

}  // namespace

bool is_common_password(std::string_view password) {
  const std::string l = lower_ascii(password);
  if (common_set().count(l) > 0) return true;
  std::shared_lock lock(extra_mu);
  return extra_set.count(l) > 0;
}

std::size_t common_password_count() {
  std::shared_lock lock(extra_mu);
  return common_set().size() + extra_set.size();
}

std::size_t load_extra_common_passwords(const std::string& file) {
  std::ifstream in(file);
  if (!in)
    throw std::runtime_error("cannot read the breached-password list " + file +
                             "; check [auth] breached_passwords_file (one password per line)");
  std::size_t n = 0;
  std::string line;
  std::unique_lock lock(extra_mu);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    extra_set.insert(lower_ascii(line));
    ++n;
  }
  return n;
}

std::size_t count_characters(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::optional<std::string> password_problem(std::string_view password, std::string_view email,
                                            std::string_view display_name) {
  const std::size_t n = count_characters(password);
  if (n < kPasswordMin)
    return "Das Passwort ist zu kurz: bitte mindestens 12 Zeichen verwenden, gern einen Satz aus mehreren Wörtern.";
  if (n > kPasswordMax) return "Das Passwort ist zu lang: bitte höchstens 128 Zeichen verwenden.";
  if (all_same(password))
    return "Das Passwort besteht nur aus einem wiederholten Zeichen. Bitte ein anderes wählen.";
  if (is_common_password(password))
    return "Dieses Passwort steht auf einer Liste häufig verwendeter, bei Datenlecks bekannt gewordener "
           "Passwörter. Bitte ein anderes wählen.";
  const std::string lower = lower_ascii(password);
  const std::string mail = lower_ascii(email);
  const auto at = mail.find('@');
  if ((!mail.empty() && lower == mail) || (at != std::string::npos && at >= 4 && lower == mail.substr(0, at)) ||
      (!display_name.empty() && lower == lower_ascii(display_name)))
    return "Das Passwort darf nicht die E-Mail-Adresse oder der Anzeigename sein. Bitte ein anderes wählen.";
  return std::nullopt;
}

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return std::string(out);
}

bool verify_password(std::string_view password, const std::string& encoded_hash) {
  ensure_sodium();
  if (encoded_hash.empty()) return false;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& encoded_hash) {
  ensure_sodium();
  return crypto_pwhash_str_needs_rehash(encoded_hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

void verify_dummy_password(std::string_view password) {
  static const std::string dummy = hash_password("quartier-dummy-password-for-timing");
  (void)verify_password(password, dummy);
}

}  // namespace qt::accounts
