#include "migrations.hpp"

namespace market {
namespace {

// Shared by both dialects apart from the id column. Money in cents; times in UTC ms.
#define MARKET_TABLES(ID)                                                                                  \
  "CREATE TABLE market_businesses ("                                                                       \
  "  id " ID ","                                                                                           \
  "  name TEXT NOT NULL,"                                                                                  \
  "  category TEXT NOT NULL,"                                                                              \
  "  neighbourhood_id BIGINT NOT NULL,"           /* from neighbourhood_at(lat, lon) */                  \
  "  address TEXT NOT NULL,"                                                                               \
  "  lat DOUBLE PRECISION NOT NULL,"                                                                       \
  "  lon DOUBLE PRECISION NOT NULL,"                                                                       \
  "  hours TEXT NOT NULL DEFAULT '{}',"           /* checked JSON: weekly, holidays, exceptions */       \
  "  delivery INTEGER NOT NULL DEFAULT 0,"                                                                 \
  "  pickup INTEGER NOT NULL DEFAULT 0,"                                                                   \
  "  payment TEXT NOT NULL DEFAULT '[]',"                                                                  \
  "  step_free INTEGER NOT NULL DEFAULT 0,"                                                                \
  "  accessibility TEXT NOT NULL DEFAULT '',"                                                              \
  "  description TEXT NOT NULL DEFAULT '',"       /* Markdown */                                         \
  "  links TEXT NOT NULL DEFAULT '[]',"                                                                    \
  "  verified_at BIGINT,"                         /* NULL = not verified by the municipality */          \
  "  verified_by BIGINT,"                                                                                  \
  "  created_by BIGINT NOT NULL DEFAULT 0,"       /* 0 once the person's account is erased */            \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  updated_at BIGINT NOT NULL"                                                                           \
  ");"                                                                                                     \
  "CREATE INDEX market_businesses_directory ON market_businesses(neighbourhood_id, category, name);"       \
  "CREATE INDEX market_businesses_category ON market_businesses(category, name);"                          \
  "CREATE TABLE market_managers ("                                                                         \
  "  business_id BIGINT NOT NULL REFERENCES market_businesses(id) ON DELETE CASCADE,"                      \
  "  user_id BIGINT NOT NULL,"                                                                             \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  PRIMARY KEY (business_id, user_id)"                                                                   \
  ");"                                                                                                     \
  "CREATE INDEX market_managers_user ON market_managers(user_id);"                                         \
  "CREATE TABLE market_follows ("                                                                          \
  "  business_id BIGINT NOT NULL REFERENCES market_businesses(id) ON DELETE CASCADE,"                      \
  "  user_id BIGINT NOT NULL,"                                                                             \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  PRIMARY KEY (business_id, user_id)"                                                                   \
  ");"                                                                                                     \
  "CREATE INDEX market_follows_user ON market_follows(user_id);"                                           \
  "CREATE TABLE market_posts ("                                                                            \
  "  content_id BIGINT PRIMARY KEY,"                                                                       \
  "  business_id BIGINT NOT NULL REFERENCES market_businesses(id) ON DELETE CASCADE,"                      \
  "  author_id BIGINT NOT NULL,"                                                                           \
  "  kind TEXT NOT NULL CHECK (kind IN ('offer','news')),"                                                 \
  "  title TEXT NOT NULL,"                                                                                 \
  "  hidden INTEGER NOT NULL DEFAULT 0,"          /* mirrors the core's moderation (content.hidden) */   \
  "  created_at BIGINT NOT NULL"                                                                           \
  ");"                                                                                                     \
  "CREATE INDEX market_posts_week ON market_posts(business_id, created_at);"                               \
  "CREATE TABLE market_listings ("                                                                         \
  "  id " ID ","                                                                                           \
  "  content_id BIGINT UNIQUE,"                                                                            \
  "  author_id BIGINT NOT NULL,"                                                                           \
  "  neighbourhood_id BIGINT NOT NULL,"                                                                    \
  "  type TEXT NOT NULL CHECK (type IN ('search','offer','give_away','lend','swap','sell')),"             \
  "  category TEXT NOT NULL,"                                                                              \
  "  item_condition TEXT NOT NULL,"                                                                        \
  "  price_cents BIGINT,"                         /* NULL = no price (free or not for sale) */           \
  "  title TEXT NOT NULL,"                                                                                 \
  "  description TEXT NOT NULL DEFAULT '',"                                                                \
  "  area TEXT NOT NULL DEFAULT '',"              /* pickup area in words, never the exact address */   \
  "  hidden INTEGER NOT NULL DEFAULT 0,"          /* mirrors the core's moderation (content.hidden) */   \
  "  state TEXT NOT NULL CHECK (state IN ('active','reserved','done','expired')),"                        \
  "  expires_at BIGINT NOT NULL,"                                                                          \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  updated_at BIGINT NOT NULL"                                                                           \
  ");"                                                                                                     \
  "CREATE INDEX market_listings_search ON market_listings(neighbourhood_id, state, type, category);"      \
  "CREATE INDEX market_listings_author ON market_listings(author_id, state);"

// 0002: photos of listings and businesses (blob keys of the rendered picture and thumbnail),
// and a listing's optional pickup point on a ~200 m grid for distance search.
#define MARKET_PHOTOS(ID)                                                                                  \
  "CREATE TABLE market_photos ("                                                                           \
  "  id " ID ","                                                                                           \
  "  listing_id BIGINT REFERENCES market_listings(id) ON DELETE CASCADE,"                                  \
  "  business_id BIGINT REFERENCES market_businesses(id) ON DELETE CASCADE,"                               \
  "  uploader_id BIGINT NOT NULL,"                 /* 0 once the person's account is erased */           \
  "  blob_key TEXT NOT NULL,"                      /* SHA-256 of the rendered picture */                 \
  "  thumb_key TEXT NOT NULL,"                     /* SHA-256 of the square thumbnail */                 \
  "  created_at BIGINT NOT NULL,"                                                                          \
  "  CHECK ((listing_id IS NULL) <> (business_id IS NULL))"                                                \
  ");"                                                                                                     \
  "CREATE INDEX market_photos_listing ON market_photos(listing_id, id);"                                   \
  "CREATE INDEX market_photos_business ON market_photos(business_id, id);"                                 \
  "CREATE INDEX market_photos_blob ON market_photos(blob_key);"                                            \
  "CREATE INDEX market_photos_thumb ON market_photos(thumb_key);"                                          \
  "ALTER TABLE market_listings ADD COLUMN lat DOUBLE PRECISION;"                                           \
  "ALTER TABLE market_listings ADD COLUMN lon DOUBLE PRECISION;"

// 0003: German full text. Both keep the stems (stems.hpp) that SQLite searches; PostgreSQL
// searches with its 'german' configuration through an expression index.
#define MARKET_STEMS "ALTER TABLE market_listings ADD COLUMN search_stems TEXT NOT NULL DEFAULT '';"

}  // namespace

void add_migrations(quartier::Plugin& plugin) {
  plugin.migration("0001_market.sqlite.sql", MARKET_TABLES("INTEGER PRIMARY KEY"));
  plugin.migration("0001_market.postgresql.sql", MARKET_TABLES("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  plugin.migration("0002_photos_location.sqlite.sql", MARKET_PHOTOS("INTEGER PRIMARY KEY"));
  plugin.migration("0002_photos_location.postgresql.sql", MARKET_PHOTOS("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));
  plugin.migration("0003_full_text.sqlite.sql", MARKET_STEMS);
  plugin.migration("0003_full_text.postgresql.sql",
                   MARKET_STEMS "CREATE INDEX market_listings_fts ON market_listings"
                                " USING GIN (to_tsvector('german', title || ' ' || description));");
  // Every blob key a photo refers to, for `quartier check-blobs` (it reads this view, never this code).
  plugin.migration("0004_blob_refs.sql",
                   "CREATE VIEW market_blob_refs AS"
                   " SELECT blob_key FROM market_photos UNION SELECT thumb_key FROM market_photos;");
}

}  // namespace market
