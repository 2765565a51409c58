#pragma once
// The error hierarchy of core. Every message names the file or field and what is wrong, in one sentence,
// so the CLI can print it on one line and the GUI can show it in a dialog unchanged.
#include <stdexcept>
#include <string>

namespace latentlab {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The user gave us something we cannot use: a corrupt file, a wrong shape, an absurd number. CLI exit 2.
class BadInputError : public Error {
public:
    using Error::Error;
};

// The system failed us: a write that did not complete, a disk that is full. CLI exit 1.
class IoError : public Error {
public:
    using Error::Error;
};

// A model, checkpoint or config that does not fit what it is used with.
class ModelMismatchError : public BadInputError {
public:
    using BadInputError::BadInputError;
};

} // namespace latentlab
