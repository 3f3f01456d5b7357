# printer_tests: ticket layout, ESC/POS, status, and the virtual printer, round trip included.
file(GLOB PRINTER_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*_test.cpp)
if(PRINTER_TEST_SOURCES)
  add_executable(printer_tests ${PRINTER_TEST_SOURCES})
  target_link_libraries(printer_tests PRIVATE mikhak::printer mikhak::scanner mikhak::text
                        GTest::gtest_main nlohmann_json::nlohmann_json)
  target_link_libraries(printer_tests PRIVATE mikhak_ctl_printer mikhak_ctl_ticket)
  target_include_directories(printer_tests PRIVATE ${PROJECT_SOURCE_DIR}/printer/src
                             ${CMAKE_CURRENT_LIST_DIR}/../support)
  target_compile_definitions(printer_tests PRIVATE MIKHAK_TEST_DATA="${MIKHAK_TEST_DATA}")
  gtest_discover_tests(printer_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "unit")
endif()
