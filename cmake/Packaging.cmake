# A Debian package of everything the install rules put in place: `cpack -G DEB` in the build folder writes
# latentlab_<version>_<arch>.deb, which `apt install ./latentlab_*.deb` installs with its dependencies.
# dpkg-shlibdeps (dpkg-dev) derives most dependencies from the libraries the two programs link (LibTorch, Qt,
# oneDNN, zlib...). What it cannot see is listed by hand: Qt loads its platform plugin (xcb) with dlopen, and
# LibTorch links the generic libblas.so.3, which the reference BLAS would satisfy at about a fifteenth of
# OpenBLAS's training speed (README, "Performance").
set(CPACK_PACKAGE_NAME latentlab)
set(CPACK_PACKAGE_VENDOR LatentLab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Train autoencoders and explore their latent space")
set(CPACK_PACKAGE_DESCRIPTION
    "LatentLab trains autoencoders and variational autoencoders interactively and shows what they learned: the "
    "latent space, samples from the prior, interpolations, anomalies, label errors and duplicates. "
    "latentlab-cli does the same jobs without a screen.")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "LatentLab maintainers <maintainers@latentlab.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(LATENTLAB_BUILD_GUI)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libopenblas0-openmp")
  # Wayland without XWayland, the Chinese translation's font, and Qt's own dialogs in Chinese.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, fonts-wqy-microhei, qt6-translations-l10n")
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-openmp")
endif()
include(CPack)
