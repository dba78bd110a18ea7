# Per-layer include roots. Sources include headers as "engine/x.hpp", "models/x.hpp", ... but the
# project root is on no include path: each layer gets a directory of its own in the build tree
# holding one link, <root>/<layer> -> the layer's source folder, and a library sees only the roots
# of its own layer and of the layers it links. `#include "cli/..."` from engine/ or models/ then
# fails to compile ("No such file or directory") instead of quietly coupling the layers.
#
#   gcmsim_layer_include_root(<layer> <out-var>)
function(gcmsim_layer_include_root layer out_var)
  set(root ${PROJECT_BINARY_DIR}/layers/${layer})
  if(NOT EXISTS ${root}/${layer})
    file(MAKE_DIRECTORY ${root})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${layer} ${root}/${layer} SYMBOLIC)
  endif()
  set(${out_var} ${root} PARENT_SCOPE)
endfunction()
