#include "web/upload_errors.hpp"

#include <fmt/format.h>

#include <boost/json/object.hpp>

namespace qt::web {
namespace {

std::string megabytes(std::int64_t bytes) {
  return fmt::format("{:.1f}", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

std::string megapixels(std::int64_t pixels) { return fmt::format("{:.0f}", static_cast<double>(pixels) / 1e6); }

}  // namespace

http::HttpError upload_refusal(const media::UploadError& e) {
  using media::UploadProblem;
  const auto limit_ = e.limit();
  boost::json::object details;
  if (limit_ > 0) details["limit"] = limit_;
  switch (e.problem()) {
    case UploadProblem::too_large:
      return {413, "upload_too_large",
              fmt::format("Die Datei ist zu groß (höchstens {} MB). Bitte ein kleineres Bild wählen. / The file is too "
                          "large (at most {} MB); please choose a smaller image.",
                          megabytes(limit_), megabytes(limit_)),
              details};
    case UploadProblem::unsupported_type:
      return {415, "upload_unsupported_type",
              "Dieses Dateiformat wird nicht angenommen. Erlaubt sind Bilder im Format JPEG, PNG, WebP oder GIF. "
              "/ This file type is not accepted; please upload a JPEG, PNG, WebP or GIF image.",
              details};
    case UploadProblem::corrupt:
      return {422, "upload_corrupt",
              "Das Bild ist beschädigt oder unvollständig und lässt sich nicht öffnen. Bitte die Datei erneut "
              "speichern oder ein anderes Bild wählen. / The image is damaged or incomplete; please save it again or "
              "choose another one.",
              details};
    case UploadProblem::too_many_pixels:
      return {422, "upload_too_many_pixels",
              fmt::format("Das Bild hat zu viele Bildpunkte (höchstens {} Megapixel). Bitte verkleinern und erneut "
                          "hochladen. / The image has too many pixels (at most {} megapixels); please scale it down.",
                          megapixels(limit_), megapixels(limit_)),
              details};
    case UploadProblem::empty:
      return {400, "upload_empty",
              "Es kam keine Datei an. Bitte ein Bild auswählen und erneut senden. / No file arrived; please choose an "
              "image and send it again.",
              details};
  }
  return {400, "upload_refused", e.what()};
}

}  // namespace qt::web
