# The report's build-time assets: `npm ci` of web/package.json into ${CMAKE_BINARY_DIR}/web (world-atlas country
# shapes, i18n-iso-countries codes). The C++ report reads them from there (io::report_assets_dir). Without npm or
# network the step warns and the report draws no maps; the build never fails on it.
set(WORLDSYS_WEB_STAMP ${CMAKE_BINARY_DIR}/web/npm-ci.stamp)
add_custom_command(
  OUTPUT ${WORLDSYS_WEB_STAMP}
  COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR}/web -DDST=${CMAKE_BINARY_DIR}/web -DSTAMP=${WORLDSYS_WEB_STAMP}
          -P ${PROJECT_SOURCE_DIR}/cmake/NpmCi.cmake
  DEPENDS ${PROJECT_SOURCE_DIR}/web/package.json ${PROJECT_SOURCE_DIR}/web/package-lock.json
          ${PROJECT_SOURCE_DIR}/cmake/NpmCi.cmake
  COMMENT "npm ci: report map assets (world-atlas, i18n-iso-countries)"
  VERBATIM)
add_custom_target(web_assets ALL DEPENDS ${WORLDSYS_WEB_STAMP})
