"""The command line; Click speaks Vietnamese from the first import on."""

from khoi_desktop.cli.click_vi import install as _install_vietnamese

_install_vietnamese()
