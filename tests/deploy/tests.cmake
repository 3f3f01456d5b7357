# Deployment: the systemd units verified, the udev rules parsed by udev, the Debian packages built
# from this build tree (cpack installs the binaries already built; nothing is compiled again),
# their contents checked, and then installed into a throw-away root and purged.
# Not in the sanitizer build: these check files and packages, not memory, and a package of
# instrumented binaries is nothing anyone installs.
if(MIKHAK_SANITIZE)
  return()
endif()
set(MIKHAK_DEPLOY_TESTS ${CMAKE_CURRENT_LIST_DIR})
set(MIKHAK_DEPLOY_PACKAGES ${CMAKE_BINARY_DIR}/deploy-test/packages)

add_test(NAME deploy.units_verify COMMAND bash ${MIKHAK_DEPLOY_TESTS}/units_verify.sh
  ${PROJECT_SOURCE_DIR}/systemd $<TARGET_FILE:mikhak-kiosk> $<TARGET_FILE:mikhak-server>)
add_test(NAME deploy.udev_rules COMMAND bash ${MIKHAK_DEPLOY_TESTS}/udev_rules.sh
  ${PROJECT_SOURCE_DIR}/systemd/udev/70-mikhak.rules)
set_tests_properties(deploy.udev_rules PROPERTIES SKIP_RETURN_CODE 77)

add_test(NAME deploy.make_packages COMMAND ${CMAKE_COMMAND} -E chdir ${CMAKE_BINARY_DIR}
  ${CMAKE_CPACK_COMMAND} --config ${CMAKE_BINARY_DIR}/CPackConfig.cmake -B ${MIKHAK_DEPLOY_PACKAGES})
set_tests_properties(deploy.make_packages PROPERTIES FIXTURES_SETUP deploy_packages
  PASS_REGULAR_EXPRESSION "mikhak-server_[^\n]*\\.deb generated")
add_test(NAME deploy.package_contents COMMAND bash ${MIKHAK_DEPLOY_TESTS}/package_contents.sh
  ${MIKHAK_DEPLOY_PACKAGES})
add_test(NAME deploy.package_install COMMAND bash ${MIKHAK_DEPLOY_TESTS}/package_install.sh
  ${MIKHAK_DEPLOY_PACKAGES} ${PROJECT_SOURCE_DIR})
set_tests_properties(deploy.package_contents deploy.package_install PROPERTIES
  FIXTURES_REQUIRED deploy_packages)
set_tests_properties(deploy.package_install PROPERTIES SKIP_RETURN_CODE 77)
# The two that share the package folder run one after the other, after the packages are made.
set_tests_properties(deploy.make_packages deploy.package_contents deploy.package_install
  PROPERTIES RESOURCE_LOCK deploy_packages)
set_tests_properties(deploy.units_verify deploy.udev_rules deploy.make_packages
  deploy.package_contents deploy.package_install PROPERTIES LABELS "deploy")
