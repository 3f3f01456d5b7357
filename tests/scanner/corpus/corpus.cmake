# mikhak_scanner_corpus: camera frames of real appointment notices (ctl::renderNotice), in classes
# of trouble (rotation, blur, glare, JPEG, dark mode, ...), with their ground truth. For the
# scanner tests and the scanner benchmark; deterministic.
find_package(ZXing REQUIRED)
find_package(JPEG REQUIRED)
add_library(mikhak_scanner_corpus STATIC
  ${CMAKE_CURRENT_LIST_DIR}/camera.cpp
  ${CMAKE_CURRENT_LIST_DIR}/corpus.cpp
  ${CMAKE_CURRENT_LIST_DIR}/frame_effects.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jpeg_encoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/symbol_writer.cpp
)
target_include_directories(mikhak_scanner_corpus PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(mikhak_scanner_corpus
  PUBLIC mikhak::scanner mikhak::domain
  PRIVATE mikhak_ctl_notice ZXing::ZXing JPEG::JPEG)
