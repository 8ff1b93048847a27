# Libraries come from Debian 12 packages (see scripts/lib/packages.sh).
find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED COMPONENTS json url)
find_package(fmt REQUIRED)
find_package(ZLIB REQUIRED)  # gzip for answers (platform/http/encoding)
find_package(OpenSSL 3.0 REQUIRED)  # Web Push: ECDH, ECDSA, HKDF, AES-GCM (platform/push)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# yaml-cpp: reads the OpenAPI description (schemas/openapi.yaml, each plugin's openapi.yaml).
pkg_check_modules(YAMLCPP REQUIRED IMPORTED_TARGET yaml-cpp)
# Unicode normalisation and character classes for names people type (Debian libutf8proc-dev).
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
find_package(CLI11 CONFIG REQUIRED)
# Snowball's German stemmer for search on SQLite (core search, the market plugin): libstemmer-dev.
find_path(QT_STEMMER_INCLUDE libstemmer.h REQUIRED)
find_library(QT_STEMMER_LIB stemmer REQUIRED)

# SOCI ships no CMake config on Debian.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIB soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIB soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIB soci_postgresql REQUIRED)
add_library(qt_soci INTERFACE)
target_include_directories(qt_soci SYSTEM INTERFACE ${SOCI_INCLUDE_DIR} /usr/include/postgresql)
target_link_libraries(qt_soci INTERFACE ${SOCI_SQLITE3_LIB} ${SOCI_POSTGRESQL_LIB} ${SOCI_CORE_LIB}
  PkgConfig::SQLITE3 PkgConfig::LIBPQ ${CMAKE_DL_LIBS})

# cmark-gfm (Markdown) ships plain libraries.
find_path(CMARK_GFM_INCLUDE_DIR cmark-gfm.h)
find_library(CMARK_GFM_LIB cmark-gfm)
find_library(CMARK_GFM_EXT_LIB cmark-gfm-extensions)

# Uploads: libvips decodes and re-encodes images (Debian libvips-dev), libmagic tells the type
# from the content (Debian libmagic-dev, which ships no pkg-config file).
pkg_check_modules(VIPS REQUIRED IMPORTED_TARGET vips)
# The files plugin writes a folder's ZIP download with libzip (Debian libzip-dev).
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
find_path(MAGIC_INCLUDE_DIR magic.h REQUIRED)
find_library(MAGIC_LIB magic REQUIRED)
