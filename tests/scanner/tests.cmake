# scanner_tests: barcode reading, the keyboard-wedge decoder, sources, and the corpus of notices.
include(${CMAKE_CURRENT_LIST_DIR}/corpus/corpus.cmake)
file(GLOB SCANNER_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*_test.cpp)
add_executable(scanner_tests ${SCANNER_TEST_SOURCES})
target_link_libraries(scanner_tests PRIVATE mikhak::scanner mikhak::domain GTest::gtest_main
                      mikhak_scanner_corpus mikhak_ctl_notice)
target_include_directories(scanner_tests PRIVATE ${PROJECT_SOURCE_DIR}/scanner/src
                           ${CMAKE_CURRENT_LIST_DIR}/../support)
target_compile_definitions(scanner_tests PRIVATE MIKHAK_TEST_DATA="${MIKHAK_TEST_DATA}")
gtest_discover_tests(scanner_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "unit")
