#include "privacy.hpp"

#include <boost/json.hpp>
#include <quartier/plugin.hpp>

#include "listing.hpp"
#include "photos.hpp"

namespace market {

namespace {
boost::json::array rows(const std::string& sql, std::int64_t user, const std::vector<std::string>& names) {
  quartier::Statement s(sql);
  s.bind("u", user);
  boost::json::array out;
  while (s.step()) {
    boost::json::object o;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const int col = static_cast<int>(i);
      if (s.is_null(col)) o[names[i]] = nullptr;
      else if (s.type(col) == QT_TYPE_INT64) o[names[i]] = s.int64(col);
      else if (s.type(col) == QT_TYPE_DOUBLE) o[names[i]] = s.real(col);
      else o[names[i]] = s.text(col);
    }
    out.push_back(std::move(o));
  }
  return out;
}
}  // namespace

std::string export_person(std::int64_t user) {
  boost::json::array listings;
  {
    quartier::Statement s(std::string("SELECT ") + kListingCols + kListingFrom + " WHERE l.author_id = :u ORDER BY l.id");
    s.bind("u", user);
    while (s.step()) listings.push_back(listing_json(read_listing(s), user));
  }
  auto managed = rows("SELECT b.id, b.name, b.category, b.address, m.created_at FROM market_managers m"
                      " JOIN market_businesses b ON b.id = m.business_id WHERE m.user_id = :u ORDER BY b.id",
                      user, {"business_id", "name", "category", "address", "manager_since"});
  auto follows = rows("SELECT b.id, b.name, f.created_at FROM market_follows f JOIN market_businesses b ON b.id = f.business_id"
                      " WHERE f.user_id = :u ORDER BY b.id",
                      user, {"business_id", "name", "followed_at"});
  auto posts = rows("SELECT content_id, business_id, kind, title, created_at FROM market_posts WHERE author_id = :u ORDER BY content_id",
                    user, {"content_id", "business_id", "kind", "title", "created_at"});
  // The photos they uploaded (of their listings and of the businesses they manage), as links the
  // signed-in person can download; the pictures are the re-encoded ones, without metadata.
  auto photos = rows("SELECT id, listing_id, business_id, created_at FROM market_photos WHERE uploader_id = :u ORDER BY id",
                     user, {"id", "listing_id", "business_id", "created_at"});
  for (auto& p : photos) p.as_object()["url"] = "/api/p/market/photos/" + std::to_string(p.at("id").as_int64());
  return boost::json::serialize(boost::json::object{{"listings", std::move(listings)},
                                                    {"photos", std::move(photos)},
                                                    {"managed_businesses", std::move(managed)},
                                                    {"followed_businesses", std::move(follows)},
                                                    {"business_posts", std::move(posts)}});
}

void erase_person(std::int64_t user) {
  // The photos of their listings go with the listings (their blobs once the erasure commits);
  // photos they added to a business stay with the business, no longer naming them.
  std::vector<std::int64_t> listings;
  {
    quartier::Statement s("SELECT id FROM market_listings WHERE author_id = :u");
    s.bind("u", user);
    while (s.step()) listings.push_back(s.int64(0));
  }
  for (auto id : listings) delete_photos(PhotoOwner::listing, id);
  // The core deletes the content they wrote (listings and business posts) in the same transaction.
  for (const char* sql : {"UPDATE market_photos SET uploader_id = 0 WHERE uploader_id = :u",
                          "DELETE FROM market_listings WHERE author_id = :u", "DELETE FROM market_follows WHERE user_id = :u",
                          "DELETE FROM market_managers WHERE user_id = :u", "DELETE FROM market_posts WHERE author_id = :u",
                          "UPDATE market_businesses SET created_by = 0 WHERE created_by = :u",
                          "UPDATE market_businesses SET verified_by = NULL WHERE verified_by = :u"}) {
    quartier::Statement s(sql);
    s.bind("u", user);
    s.run();
  }
}

}  // namespace market
