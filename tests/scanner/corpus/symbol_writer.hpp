#pragma once

#include <string_view>

#include "mikhak/base/result.hpp"
#include "mikhak/scanner/barcode_writer.hpp"

namespace mikhak::scanner::test {

// Symbologies the notice does not print but a reader may meet (an airline's PDF417, a parcel
// label's Data Matrix), drawn by ZXing's own writer, which the scanner module does not wrap for
// them. Whole pixels a module, quiet zone included, in the module's convention (255 ink, 0 paper).
// PDF417 rows come out four modules high, as ZXing draws them. Errors, as values: text the
// symbology cannot hold, sizes out of range.
Result<BarcodeImage> renderPdf417(std::string_view text, int modulePixels,
                                  int quietZoneModules = 2);
Result<BarcodeImage> renderDataMatrix(std::string_view text, int modulePixels,
                                      int quietZoneModules = 2);

}  // namespace mikhak::scanner::test
