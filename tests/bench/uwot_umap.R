#!/usr/bin/Rscript
# R's uwot (Debian's r-cran-uwot, its defaults: n_neighbors 15, min_dist 0.1, spectral init, Annoy neighbours
# above 4,096 rows) on the first N rows of a float32 .npy matrix, on every core it is given for both the
# neighbour search and the optimisation (n_sgd_threads: its fastest setting). Writes the layout as a float32
# .npy so umap_learn.py scores it with the same trustworthiness as the others.
#   Rscript tests/bench/uwot_umap.R INPUT.npy ROWS THREADS OUT.npy
args <- commandArgs(trailingOnly = TRUE)
input <- args[1]; rows <- as.integer(args[2]); threads <- as.integer(args[3]); out <- args[4]
suppressPackageStartupMessages(library(uwot))

read_npy_f32 <- function(path) {
  con <- file(path, "rb"); on.exit(close(con))
  magic <- readBin(con, "raw", 6)
  version <- readBin(con, "integer", 2, size = 1)
  hlen <- if (version[1] == 1) readBin(con, "integer", 1, size = 2, endian = "little", signed = FALSE)
          else readBin(con, "integer", 1, size = 4, endian = "little")
  header <- rawToChar(readBin(con, "raw", hlen))
  shape <- as.integer(strsplit(sub(".*'shape': \\(([0-9, ]+)\\).*", "\\1", header), ",\\s*")[[1]])
  values <- readBin(con, "numeric", prod(shape), size = 4, endian = "little")
  matrix(values, nrow = shape[1], ncol = shape[2], byrow = TRUE)
}

write_npy_f32 <- function(path, m) {
  con <- file(path, "wb"); on.exit(close(con))
  header <- sprintf("{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }", nrow(m), ncol(m))
  pad <- 64 - ((10 + nchar(header) + 1) %% 64)
  header <- paste0(header, strrep(" ", pad), "\n")
  writeBin(as.raw(c(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0)), con)
  writeBin(as.integer(nchar(header)), con, size = 2, endian = "little")
  writeBin(charToRaw(header), con)
  writeBin(as.numeric(t(m)), con, size = 4, endian = "little")
}

x <- read_npy_f32(input)
if (rows > 0 && rows < nrow(x)) x <- x[seq_len(rows), , drop = FALSE]
start <- Sys.time()
layout <- umap(x, n_neighbors = 15, min_dist = 0.1, n_threads = threads, n_sgd_threads = threads)
seconds <- as.numeric(difftime(Sys.time(), start, units = "secs"))
write_npy_f32(out, layout)
cat(sprintf("uwot %s  UMAP  %d x %d  %.2f s\n", as.character(packageVersion("uwot")), nrow(x), ncol(x), seconds))
