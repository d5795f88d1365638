# Extracts the code's words (kiosk/i18n/extract_words.cmake) and checks with msgcmp that each
# po/<code>.po holds every one of them; a missing word is named with the file and line of the .po.
set(template ${WORK_DIR}/words.pot)
file(REMOVE ${template})
execute_process(COMMAND ${CMAKE_COMMAND} -DXGETTEXT=${XGETTEXT} -DSOURCE_DIR=${SOURCE_DIR} -DOUTPUT=${template}
                        -P ${SOURCE_DIR}/kiosk/i18n/extract_words.cmake
                RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "could not extract the words")
endif()
# xgettext writes no file when the code has no words to translate.
if(NOT EXISTS ${template})
  message(FATAL_ERROR "no words found in the code: tr()/trc()/trn()/N_() are not in use, or xgettext missed them")
endif()
file(GLOB catalogues ${SOURCE_DIR}/po/*.po)
if(NOT catalogues)
  message(FATAL_ERROR "no catalogues in ${SOURCE_DIR}/po")
endif()
set(missing "")
foreach(po ${catalogues})
  execute_process(COMMAND ${MSGCMP} --use-untranslated --use-fuzzy ${po} ${template}
                  RESULT_VARIABLE differs ERROR_VARIABLE words)
  if(differs)
    string(APPEND missing "${words}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "words the code draws are missing from the catalogues (run `make po-update`, then translate):\n${missing}")
endif()
