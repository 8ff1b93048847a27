#include "platform/mail/smtp.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <curl/curl.h>

namespace qt::mail {
namespace {

struct Upload {
  const std::string* data;
  std::size_t pos = 0;
};

std::size_t read_cb(char* buffer, std::size_t size, std::size_t nitems, void* userdata) {
  auto* up = static_cast<Upload*>(userdata);
  const std::size_t room = size * nitems;
  const std::size_t n = std::min(room, up->data->size() - up->pos);
  std::memcpy(buffer, up->data->data() + up->pos, n);
  up->pos += n;
  return n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

void smtp_send(const SmtpTarget& target, const std::string& from_address, const std::string& to_address,
               const std::string& message) {
  global_init();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  CURL* c = curl.get();
  const std::string from = "<" + from_address + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to_address + ">").c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt, &curl_slist_free_all);
  Upload up{&message};
  char errbuf[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(c, CURLOPT_URL, target.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_cb);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(target.timeout_seconds, 15L));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, target.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_USE_SSL, target.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                                           : static_cast<long>(CURLUSESSL_TRY));
  if (!target.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, target.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, target.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::string why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    throw std::runtime_error("SMTP delivery failed: " + why);
  }
}

}  // namespace qt::mail
