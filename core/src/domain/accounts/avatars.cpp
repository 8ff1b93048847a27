#include "domain/accounts/avatars.hpp"

#include "platform/log/log.hpp"
#include "platform/media/sized_key.hpp"

namespace qt::accounts {
namespace {

constexpr std::string_view kArea = "avatars";

std::optional<std::pair<std::string_view, std::string_view>> split_key(std::string_view key) {
  return media::split_sized_key(key);
}

std::string file_name(std::string_view hash, int size, std::string_view ext) {
  return media::sized_file_name(hash, size, ext);
}

}  // namespace

Avatars::Avatars(AvatarSettings settings) : settings_(std::move(settings)), store_(settings_.dir) {}

std::string Avatars::store(std::string_view upload) const {
  const std::vector<int> sizes(std::begin(kSizes), std::end(kSizes));
  auto images = media::square_images(upload, sizes, settings_.format, settings_.limits);
  const auto ext = media::extension_of(settings_.format);
  // Named by the hash of the largest re-encoded picture: the same upload gives the same key.
  const auto& largest = images.renditions.back();
  const std::string hash = media::FileStore::content_key(largest.bytes);
  for (const auto& r : images.renditions) store_.put(kArea, file_name(hash, r.size, ext), r.bytes);
  log::info("avatar stored", {{"source_type", images.source_type},
                              {"source_pixels", static_cast<std::int64_t>(images.source_width) * images.source_height}});
  return hash + "." + std::string(ext);
}

std::optional<std::filesystem::path> Avatars::file(std::string_view key, int size) const {
  auto parts = split_key(key);
  if (!parts || !valid_size(size)) return std::nullopt;
  const auto name = file_name(parts->first, size, parts->second);
  if (!store_.exists(kArea, name)) return std::nullopt;
  return store_.path_of(kArea, name);
}

std::optional<std::string> Avatars::read(std::string_view key, int size) const {
  auto parts = split_key(key);
  if (!parts || !valid_size(size)) return std::nullopt;
  return store_.read(kArea, file_name(parts->first, size, parts->second));
}

void Avatars::release_if_unused(soci::session& s, const std::string& key) const {
  auto parts = split_key(key);
  if (!parts) return;
  long long users = 0;
  s << "SELECT COUNT(*) FROM users WHERE avatar = :k", soci::use(key), soci::into(users);
  if (users > 0) return;
  for (int size : kSizes) store_.remove(kArea, file_name(parts->first, size, parts->second));
}

bool Avatars::valid_size(int size) {
  for (int s : kSizes)
    if (s == size) return true;
  return false;
}

std::string_view Avatars::content_type(std::string_view key) { return media::sized_key_type(key); }

std::string avatar_url(std::int64_t user_id, std::string_view key) {
  return "/api/users/" + std::to_string(user_id) + "/avatar?v=" + std::string(key.substr(0, 16));
}

}  // namespace qt::accounts
