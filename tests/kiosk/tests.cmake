# kiosk_tests: the check-in flow and staff mode as pure logic, the screens drawn with SDL's
# offscreen driver against golden PNGs, and the kiosk's server client and offline store against a
# real mikhak-server on a loopback port and a real SQLite file.
file(GLOB KIOSK_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*_test.cpp)
add_executable(kiosk_tests ${KIOSK_TEST_SOURCES})
target_link_libraries(kiosk_tests PRIVATE mikhak::kiosk mikhak_ctl_printer mikhak_test_support
  GTest::gtest_main PkgConfig::SQLITE
  PkgConfig::HTTPLIB nlohmann_json::nlohmann_json)
target_include_directories(kiosk_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../support)
target_compile_definitions(kiosk_tests PRIVATE
  MIKHAK_TEST_DATA="${MIKHAK_TEST_DATA}"
  MIKHAK_SOURCE_ASSETS="${MIKHAK_SOURCE_ASSETS}"
  MIKHAK_SERVER_BINARY="$<TARGET_FILE:mikhak-server>"
  MIKHAK_KIOSK_BINARY="$<TARGET_FILE:mikhak-kiosk>"
  MIKHAK_CTL_BINARY="$<TARGET_FILE:mikhakctl>")
add_dependencies(kiosk_tests mikhak-server mikhak-kiosk mikhakctl)
gtest_discover_tests(kiosk_tests DISCOVERY_TIMEOUT 60
  PROPERTIES LABELS "unit" ENVIRONMENT "SDL_VIDEODRIVER=offscreen")
# Tests that open an audio device ask for SDL_AUDIODRIVER=dummy themselves: CTest takes one
# ENVIRONMENT entry through gtest_discover_tests.
