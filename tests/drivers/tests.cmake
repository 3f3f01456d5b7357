# drivers_tests: the printer transports, against loopback sockets, a pty, folders, and a fake at the
# libusb boundary that behaves like a printer.
file(GLOB DRIVERS_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*_test.cpp)
if(DRIVERS_TEST_SOURCES)
  add_executable(drivers_tests ${DRIVERS_TEST_SOURCES})
  target_link_libraries(drivers_tests PRIVATE mikhak::drivers GTest::gtest_main)
  target_include_directories(drivers_tests PRIVATE ${PROJECT_SOURCE_DIR}/drivers/src
                             ${CMAKE_CURRENT_LIST_DIR}/../support)
  gtest_discover_tests(drivers_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "unit")
endif()
