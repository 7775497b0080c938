"""nianbao (年报): the one import name the project installs.

Installed, ``nianbao.core``, ``nianbao.gui`` and ``nianbao.resources`` are folders inside
this package.  In the repository they are the top-level folders ``core/``, ``gui/`` and
``resources/`` beside this one, so that a checkout runs without being installed; the
package path is then extended to the repository root.  Either way no other top-level name
(``core``, ``gui``, ``resources``) is claimed, so another package of that name on the
path cannot shadow ours.
"""
import os as _os

_here = _os.path.dirname(_os.path.abspath(__file__))
if not _os.path.isdir(_os.path.join(_here, "core")):
    _root = _os.path.dirname(_here)
    if _os.path.isdir(_os.path.join(_root, "core")):
        __path__.append(_root)  # noqa: F821 - the package's own __path__
