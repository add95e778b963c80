# cmake -DSRC=web -DDST=build/web -DSTAMP=... -P NpmCi.cmake: installs the locked npm packages into DST.
file(MAKE_DIRECTORY ${DST})
file(COPY ${SRC}/package.json ${SRC}/package-lock.json DESTINATION ${DST})
find_program(NPM npm)
if(NOT NPM)
  message(WARNING "npm not found: the report will have no maps (run scripts/setup.sh)")
else()
  execute_process(COMMAND ${NPM} ci --ignore-scripts --no-audit --no-fund --loglevel=error
                  WORKING_DIRECTORY ${DST} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(WARNING "npm ci failed (no network?): the report will have no maps\n${err}")
  endif()
endif()
file(TOUCH ${STAMP})
