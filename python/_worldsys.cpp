// The Python binding: a thin layer over the library. Tables come back as columns (numpy arrays or lists of str)
// for worldsys/__init__.py to wrap in pandas; a table's matrices are read-only numpy views of the C++ buffers,
// which stay alive as long as any view does. worldsys::Error becomes worldsys.WorldsysError (one subclass per
// kind) with the message the CLI prints.
#include <pybind11/functional.h>
#include <pybind11/eval.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <memory>
#include <sstream>

#include "worldsys/accounts/leontief.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/table_writer.hpp"
#include "worldsys/linalg/threads.hpp"
#include "worldsys/scenario/scenario.hpp"
#include "worldsys/scenario/uncertainty.hpp"

namespace py = pybind11;
using namespace worldsys;

namespace {

// Exception classes with two bases (e.g. InputError is a WorldsysError and a ValueError), made once at import.
struct Exceptions {
  PyObject *base = nullptr, *input = nullptr, *usage = nullptr, *store = nullptr, *numerical = nullptr;
};
Exceptions g_errors;

PyObject* new_exception(py::module_& m, const char* name, py::tuple bases, int exit_code, const char* doc) {
  py::dict attrs;
  attrs["exit_code"] = exit_code;
  PyObject* cls = PyErr_NewExceptionWithDoc((std::string("worldsys.") + name).c_str(), doc, bases.ptr(), attrs.ptr());
  if (!cls) throw py::error_already_set();
  m.add_object(name, py::handle(cls));
  return cls;
}

// A tidy table as [(name, numeric, values)], values a float64 array or a list of str.
py::list columns(const Table& t) {
  py::list out;
  for (const auto& c : t.columns()) {
    if (c.numeric)
      out.append(py::make_tuple(c.name, true, py::array_t<double>(c.num.size(), c.num.data())));
    else
      out.append(py::make_tuple(c.name, false, py::cast(c.text)));
  }
  return out;
}

// The inverse, for the distributed runner: columns gathered from the workers into one C++ table to print.
Table table(const py::list& cols) {
  std::vector<std::string> names;
  std::vector<bool> numeric;
  for (const auto& c : cols) {
    auto t = c.cast<py::tuple>();
    names.push_back(t[0].cast<std::string>());
    numeric.push_back(t[1].cast<bool>());
  }
  Table out(names, numeric);
  size_t rows = cols.empty() ? 0 : py::len(cols[0].cast<py::tuple>()[2]);
  std::vector<std::vector<double>> nums(names.size());
  std::vector<std::vector<std::string>> texts(names.size());
  for (size_t j = 0; j < names.size(); ++j) {
    auto values = cols[j].cast<py::tuple>()[2];
    if (py::len(values) != rows) throw std::invalid_argument("table columns differ in length");
    if (numeric[j])
      nums[j] = values.cast<std::vector<double>>();
    else
      texts[j] = values.cast<std::vector<std::string>>();
  }
  for (size_t i = 0; i < rows; ++i) {
    std::vector<Table::Cell> cells;
    for (size_t j = 0; j < names.size(); ++j) {
      if (numeric[j])
        cells.emplace_back(nums[j][i]);
      else
        cells.emplace_back(texts[j][i]);
    }
    out.add_row(cells);
  }
  return out;
}

// A read-only numpy view of a column-major matrix owned by `owner` (the Python object holding the Mrio).
py::array view(const Matrix& M, py::handle owner) {
  const auto d = static_cast<py::ssize_t>(sizeof(double));
  py::array a(py::dtype::of<double>(), {py::ssize_t(M.rows()), py::ssize_t(M.cols())},
              {d, d * py::ssize_t(M.rows())}, M.data(), owner);
  py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return a;
}
py::array view(const std::vector<double>& v, py::handle owner) {
  py::array a(py::dtype::of<double>(), {py::ssize_t(v.size())}, {py::ssize_t(sizeof(double))}, v.data(), owner);
  py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return a;
}
py::array copy(const Matrix& M) {
  py::array_t<double, py::array::f_style> a({M.rows(), M.cols()});
  std::copy(M.data(), M.data() + M.size(), a.mutable_data());
  return a;
}

Matrix matrix(const py::array_t<double, py::array::f_style | py::array::forcecast>& a, size_t rows, size_t cols,
              const char* name) {
  if (a.ndim() != 2 || size_t(a.shape(0)) != rows || size_t(a.shape(1)) != cols)
    fail(ErrorKind::input, std::string(name) + " should be " + std::to_string(rows) + " x " + std::to_string(cols));
  Matrix M(rows, cols);
  std::copy(a.data(), a.data() + M.size(), M.data());
  return M;
}

// Any 2-D array as a Matrix (column-major copy); None or an empty array: an empty matrix.
Matrix any_matrix(const std::optional<py::array_t<double, py::array::f_style | py::array::forcecast>>& a,
                  const char* name) {
  if (!a || a->size() == 0) return {};
  if (a->ndim() != 2) fail(ErrorKind::input, std::string(name) + " should be a 2-D array");
  return matrix(*a, size_t(a->shape(0)), size_t(a->shape(1)), name);
}
std::optional<py::array> optional_copy(const Matrix& M) {
  if (M.size() == 0) return std::nullopt;
  return copy(M);
}

// Runs a library call without the GIL (it touches no Python object; other Python threads, e.g. a Dask worker's,
// go on meanwhile) and hands back its table as columns.
template <class F>
py::list released(F&& f) {
  Table r = [&] {
    py::gil_scoped_release unlocked;
    return f();
  }();
  return columns(r);
}

using MrioPtr = std::shared_ptr<Mrio>;
using ScenarioPtr = std::shared_ptr<scenario::Scenario>;

MrioPtr make_mrio(std::vector<std::string> regions, std::vector<std::string> sectors,
                  std::vector<std::string> sector_names, std::vector<std::string> categories, std::string unit,
                  py::array_t<double, py::array::f_style | py::array::forcecast> Z,
                  py::array_t<double, py::array::f_style | py::array::forcecast> Y,
                  py::array_t<double, py::array::forcecast> x, std::vector<std::pair<std::string, std::string>> stressors,
                  py::array_t<double, py::array::f_style | py::array::forcecast> F,
                  py::array_t<double, py::array::f_style | py::array::forcecast> F_Y, std::string source,
                  std::optional<int> year) {
  auto m = std::make_shared<Mrio>();
  m->regions = std::move(regions);
  m->sectors = std::move(sectors);
  m->sector_names = sector_names.empty() ? m->sectors : std::move(sector_names);
  m->categories = std::move(categories);
  m->unit = std::move(unit);
  const size_t n = m->n(), fd = m->regions.size() * m->categories.size(), k = stressors.size();
  m->Z = matrix(Z, n, n, "Z");
  m->Y = matrix(Y, n, fd, "Y");
  if (x.ndim() != 1 || size_t(x.shape(0)) != n) fail(ErrorKind::input, "x should have " + std::to_string(n) + " values");
  m->x.assign(x.data(), x.data() + n);
  for (auto& [name, u] : stressors) m->stressors.push_back({name, u, "", {}});
  m->F = matrix(F, k, n, "F");
  m->F_Y = matrix(F_Y, k, fd, "F_Y");
  m->provenance.source = std::move(source);
  m->provenance.year = year;
  validate(*m, "the Python table");
  return m;
}

std::string table_text(const py::list& cols, const std::string& format) {
  std::ostringstream out;
  io::write_table(out, table(cols), io::parse_table_format(format));
  return out.str();
}

}  // namespace

PYBIND11_MODULE(_worldsys, m) {
  m.doc() = "worldsys C++ core (use the `worldsys` package, not this module)";

  g_errors.base = new_exception(m, "WorldsysError", py::make_tuple(py::handle(PyExc_Exception)), 1,
                                "An error reported by worldsys; the message is the one the CLI prints.");
  py::handle base(g_errors.base);
  g_errors.input = new_exception(m, "InputError", py::make_tuple(base, py::handle(PyExc_ValueError)), 2,
                                 "A file or argument is not what it should be (CLI exit code 2).");
  g_errors.usage = new_exception(m, "UsageError", py::make_tuple(py::handle(g_errors.input)), 2,
                                 "Something asked for that does not exist, e.g. an unknown stressor (exit code 2).");
  g_errors.store = new_exception(m, "StoreError", py::make_tuple(base, py::handle(PyExc_OSError)), 3,
                                 "The file system failed (CLI exit code 3).");
  g_errors.numerical = new_exception(m, "NumericalError", py::make_tuple(base, py::handle(PyExc_ArithmeticError)), 4,
                                     "Singular, non-productive or non-finite system (CLI exit code 4).");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      PyObject* cls = g_errors.base;
      switch (e.kind()) {
        case ErrorKind::input: cls = g_errors.input; break;
        case ErrorKind::usage: cls = g_errors.usage; break;
        case ErrorKind::io: cls = g_errors.store; break;
        case ErrorKind::numeric: cls = g_errors.numerical; break;
      }
      PyErr_SetString(cls, e.what());
    }
  });

  // Objects the library makes only: Mrio.__new__(Mrio) would otherwise give an empty shell whose first use aborts
  // the interpreter. pybind11 makes its own instances with tp_alloc, past __new__.
  auto library_made = [](const char* what) {
    return [what](const py::object&, const py::args&, const py::kwargs&) -> py::object {
      throw py::type_error(std::string(what) + " objects come from the library (worldsys.open, load_scenario ...); "
                                               "they cannot be created empty");
    };
  };
  py::class_<Mrio, MrioPtr>(m, "Mrio", "A multi-regional input-output table held in C++ memory")
      .def_static("__new__", library_made("worldsys._worldsys.Mrio"))
      .def_readonly("regions", &Mrio::regions)
      .def_readonly("sectors", &Mrio::sectors)
      .def_readonly("sector_names", &Mrio::sector_names)
      .def_readonly("categories", &Mrio::categories)
      .def_readonly("unit", &Mrio::unit)
      .def_property_readonly("n", &Mrio::n)
      .def_property_readonly("year", [](const Mrio& t) { return t.provenance.year; })
      .def_property_readonly("stressors",
                             [](const Mrio& t) {
                               py::list out;
                               for (const auto& s : t.stressors)
                                 out.append(py::dict(py::arg("name") = s.name, py::arg("unit") = s.unit,
                                                     py::arg("note") = s.note));
                               return out;
                             })
      .def_property_readonly("provenance",
                             [](const Mrio& t) {
                               const auto& p = t.provenance;
                               py::list inputs;
                               for (const auto& f : p.inputs)
                                 inputs.append(py::dict(py::arg("path") = f.path, py::arg("bytes") = f.bytes,
                                                        py::arg("crc32") = f.crc32));
                               return py::dict(py::arg("source") = p.source, py::arg("licence") = p.licence,
                                               py::arg("year") = p.year, py::arg("command") = p.command,
                                               py::arg("history") = p.history, py::arg("inputs") = inputs);
                             })
      .def_property_readonly("Z", [](py::object self) { return view(self.cast<const Mrio&>().Z, self); })
      .def_property_readonly("Y", [](py::object self) { return view(self.cast<const Mrio&>().Y, self); })
      .def_property_readonly("x", [](py::object self) { return view(self.cast<const Mrio&>().x, self); })
      .def_property_readonly("F", [](py::object self) { return view(self.cast<const Mrio&>().F, self); })
      .def_property_readonly("F_Y", [](py::object self) { return view(self.cast<const Mrio&>().F_Y, self); })
      .def(
          "A", [](const Mrio& t) { return copy(technical_coefficients(t.Z, t.x)); },
          "A = Z diag(x)^-1, a new array (columns with x = 0 are zero)")
      .def(
          "S", [](const Mrio& t) { return copy(intensities(t.F, t.x)); }, "S = F diag(x)^-1, a new array");

  m.def(
      "open_store",
      [](const std::string& path) {
        py::gil_scoped_release unlocked;
        return std::make_shared<Mrio>(api::open_store(path));
      },
      py::arg("path"), "Reads a store directory ('' = the embedded sample world)");
  m.def(
      "write_store",
      [](const Mrio& t, const std::string& path, bool overwrite) {
        py::gil_scoped_release unlocked;
        io::write_store(t, path, overwrite);
      },
      py::arg("mrio"), py::arg("path"), py::arg("overwrite") = false);
  m.def("make_mrio", &make_mrio, py::arg("regions"), py::arg("sectors"), py::arg("sector_names"),
        py::arg("categories"), py::arg("unit"), py::arg("Z"), py::arg("Y"), py::arg("x"), py::arg("stressors"),
        py::arg("F"), py::arg("F_Y"), py::arg("source"), py::arg("year"));
  m.def("panel_stores", &api::panel_stores, py::arg("panel"), py::arg("first") = 0, py::arg("last") = 9999);
  m.def("blas_threads", &blas_threads);
  m.def("set_blas_threads", &set_blas_threads, py::arg("n"), "Sets the BLAS thread count; returns the previous");
  m.def("default_store_path", [] { return io::default_store_path().string(); });

  // Verbs: arguments as JSON (the api structs' field names), result as columns.
  m.def("footprint", [](const Mrio& t, const std::string& args) {
    const auto a = api::footprint_args(args);
    return released([&] { return api::footprint(t, a); });
  });
  m.def("footprint_panel", [](const std::vector<std::string>& stores, const std::string& args) {
    const auto a = api::footprint_args(args);
    return released([&] { return api::footprint_panel(stores, a); });
  });
  m.def("flows", [](const Mrio& t, const std::string& args) {
    const auto a = api::flows_args(args);
    return released([&] { return api::flows(t, a); });
  });
  m.def("gvc", [](const Mrio& t, const std::string& args) {
    const auto a = api::gvc_args(args);
    return released([&] { return api::gvc(t, a); });
  });
  m.def("gvc_panel", [](const std::vector<std::string>& stores, const std::string& args) {
    const auto a = api::gvc_args(args);
    return released([&] { return api::gvc_panel(stores, a); });
  });
  m.def("drain", [](const std::vector<std::string>& stores, const std::string& args) {
    const auto a = api::drain_args(args);
    return released([&] { return api::drain(stores, a); });
  });
  m.def("drain_mrio", [](const Mrio& t, const std::string& args) {
    const auto a = api::drain_args(args);
    return released([&] { return api::drain(t, a); });
  });
  m.def("poverty", [](const std::string& store, const std::string& args) {
    const auto a = api::poverty_args(args);
    return released([&] { return api::poverty(store, a); });
  });
  m.def("poverty_grouped", [](const std::string& file, const std::string& columns_, double mean, double line,
                              const std::string& method) {
    return columns(api::poverty_grouped(file, columns_, mean, line, method));
  });
  m.def("poverty_tabulation", [](const std::string& file, double mean, double line) {
    return columns(api::poverty_tabulation(file, mean, line));
  });
  m.def("inequality_tabulation", [](const std::string& file, double mean, const std::vector<double>& fractiles) {
    return columns(api::inequality_tabulation(file, mean, fractiles));
  });
  m.def("inequality", [](const std::string& store, const std::string& args) {
    const auto a = api::inequality_args(args);
    return released([&] { return api::inequality(store, a); });
  });
  m.def("gap", [](const std::string& store, const std::string& args) {
    const auto a = api::gap_args(args);
    return released([&] { return api::gap(store, a); });
  });

  // The scenario engine: scenarios, the price model, Monte Carlo draws.
  py::class_<scenario::Scenario, ScenarioPtr>(m, "Scenario", "A parsed scenario (scenario/scenario.hpp)")
      .def_static("__new__", library_made("worldsys.Scenario"))
      .def_readonly("name", &scenario::Scenario::name)
      .def_readonly("description", &scenario::Scenario::description)
      .def_readonly("groups", &scenario::Scenario::groups)
      .def_readonly("sector_groups", &scenario::Scenario::sector_groups)
      .def_readonly("origin", &scenario::Scenario::origin)
      .def_property_readonly("changes", [](const scenario::Scenario& sc) {
        py::list out;
        for (const auto& c : sc.changes) out.append(scenario::to_string(c.kind));
        return out;
      });
  m.def(
      "parse_scenario",
      [](const std::string& text, const std::string& origin) {
        return std::make_shared<scenario::Scenario>(scenario::parse_scenario(text, origin));
      },
      py::arg("text"), py::arg("origin"));
  m.def(
      "load_scenario", [](const std::string& path) { return std::make_shared<scenario::Scenario>(scenario::load_scenario(path)); },
      py::arg("path"));
  m.def(
      "apply_scenario",
      [](const Mrio& t, const scenario::Scenario& sc) {
        py::gil_scoped_release unlocked;
        return std::make_shared<Mrio>(scenario::apply_scenario(t, sc));
      },
      py::arg("mrio"), py::arg("scenario"));
  m.def("scenario", [](const Mrio& t, const scenario::Scenario& sc, const std::string& args) {
    const auto a = api::scenario_args(args);
    return released([&] { return api::scenario(t, sc, a); });
  });
  m.def("prices", [](const Mrio& t, const std::string& args) {
    const auto a = api::prices_args(args);
    return released([&] { return api::prices(t, a); });
  });
  m.def("prices_scenario", [](const std::string& args) {
    return std::make_shared<scenario::Scenario>(api::prices_scenario(api::prices_args(args)));
  });

  using OptArray = std::optional<py::array_t<double, py::array::f_style | py::array::forcecast>>;
  py::class_<scenario::ErrorModel> error_model(m, "ErrorModel",
                                   "Per-cell log-normal errors of Z, Y, F (and F_Y): relative sigmas, or per-cell "
                                   "standard deviations where given (scenario/uncertainty.hpp)");
  // The __init__ after __new__: a plain Python function that takes the same arguments and does nothing.
  error_model.attr("__init__") = py::eval("lambda self, *args, **kwargs: None");
  error_model
      // Built in __new__, so no path leaves an ErrorModel uninitialised: ErrorModel.__new__(ErrorModel) is the zero
      // model.
      .def_static("__new__", [](const py::object&, std::optional<double> sigma, std::optional<double> sigma_Z,
                                std::optional<double> sigma_Y, std::optional<double> sigma_F, const OptArray& Z_sd,
                                const OptArray& Y_sd, const OptArray& F_sd, const OptArray& F_Y_sd, bool rebalance) {
             scenario::ErrorModel e;
             e.sigma_Z = sigma_Z.value_or(sigma.value_or(0));
             e.sigma_Y = sigma_Y.value_or(sigma.value_or(0));
             e.sigma_F = sigma_F.value_or(sigma.value_or(0));
             e.Z_sd = any_matrix(Z_sd, "Z_sd");
             e.Y_sd = any_matrix(Y_sd, "Y_sd");
             e.F_sd = any_matrix(F_sd, "F_sd");
             e.F_Y_sd = any_matrix(F_Y_sd, "F_Y_sd");
             e.rebalance = rebalance;
             return e;
           },
           py::arg("cls"), py::arg("sigma") = py::none(), py::arg("sigma_Z") = py::none(), py::arg("sigma_Y") = py::none(),
           py::arg("sigma_F") = py::none(), py::arg("Z_sd") = py::none(), py::arg("Y_sd") = py::none(),
           py::arg("F_sd") = py::none(), py::arg("F_Y_sd") = py::none(), py::arg("rebalance") = true)
      .def_readonly("sigma_Z", &scenario::ErrorModel::sigma_Z)
      .def_readonly("sigma_Y", &scenario::ErrorModel::sigma_Y)
      .def_readonly("sigma_F", &scenario::ErrorModel::sigma_F)
      .def_readonly("rebalance", &scenario::ErrorModel::rebalance)
      .def_property_readonly("Z_sd", [](const scenario::ErrorModel& e) { return optional_copy(e.Z_sd); })
      .def_property_readonly("Y_sd", [](const scenario::ErrorModel& e) { return optional_copy(e.Y_sd); })
      .def_property_readonly("F_sd", [](const scenario::ErrorModel& e) { return optional_copy(e.F_sd); })
      .def_property_readonly("F_Y_sd", [](const scenario::ErrorModel& e) { return optional_copy(e.F_Y_sd); })
      .def_static(
          "from_args",
          [](const std::string& store, const std::string& args) {
            return api::error_model(store, api::uncertainty_args(args));
          },
          "The error model of `worldsys uncertainty STORE` with these arguments (cell_sd reads the store's files)")
      .def("__repr__",
           [](const scenario::ErrorModel& e) {
             return "<worldsys.ErrorModel sigma_Z=" + std::to_string(e.sigma_Z) + " sigma_Y=" +
                    std::to_string(e.sigma_Y) + " sigma_F=" + std::to_string(e.sigma_F) +
                    (e.Z_sd.size() + e.Y_sd.size() + e.F_sd.size() + e.F_Y_sd.size() ? " with cell sd" : "") + ">";
           })
      // Shipped to Dask workers with each task. An explicit __reduce__ (worldsys._error_model_from_state, a Python
      // function pickle can name, rebuilds it), not py::pickle's __setstate__: calling __reduce__() directly, as copy and some tools do, would
      // otherwise make Python allocate a bare pybind11 object and abort the interpreter.
      .def("__reduce__", [](py::object self) {
        const auto& e = self.cast<const scenario::ErrorModel&>();
        return py::make_tuple(py::module_::import("worldsys").attr("_error_model_from_state"),
                              py::make_tuple(py::make_tuple(e.sigma_Z, e.sigma_Y, e.sigma_F, optional_copy(e.Z_sd),
                                                            optional_copy(e.Y_sd), optional_copy(e.F_sd),
                                                            optional_copy(e.F_Y_sd), e.rebalance)));
      });
  m.def("_error_model_from_state", [](const py::tuple& t) {
    if (t.size() != 8) throw py::type_error("ErrorModel state: expected 8 fields");
    scenario::ErrorModel e;
    e.sigma_Z = t[0].cast<double>();
    e.sigma_Y = t[1].cast<double>();
    e.sigma_F = t[2].cast<double>();
    e.Z_sd = any_matrix(t[3].cast<OptArray>(), "Z_sd");
    e.Y_sd = any_matrix(t[4].cast<OptArray>(), "Y_sd");
    e.F_sd = any_matrix(t[5].cast<OptArray>(), "F_sd");
    e.F_Y_sd = any_matrix(t[6].cast<OptArray>(), "F_Y_sd");
    e.rebalance = t[7].cast<bool>();
    return e;
  });
  m.def(
      "perturb",
      [](const Mrio& t, const scenario::ErrorModel& e, std::uint64_t seed, std::size_t draw) {
        py::gil_scoped_release unlocked;
        return std::make_shared<Mrio>(scenario::perturb(t, e, seed, draw));
      },
      py::arg("mrio"), py::arg("error_model"), py::arg("seed"), py::arg("draw"));
  m.def("uncertainty", [](const std::string& store, const std::string& args) {
    const auto a = api::uncertainty_args(args);
    return released([&] { return api::uncertainty(store, a).intervals; });
  });
  m.def("uncertainty_mrio", [](const Mrio& t, const scenario::ErrorModel& e, const std::string& args) {
    const auto a = api::uncertainty_args(args);
    return released([&] { return api::uncertainty(t, e, a).intervals; });
  });
  m.def("table_text", &table_text, py::arg("columns"), py::arg("format"),
        "The table as the CLI prints it: csv, json or table");
  m.def(
      "write_table_file",
      [](const py::list& cols, const std::string& path, const std::string& format) {
        io::write_table_file(path, table(cols), io::parse_table_format(format));
      },
      py::arg("columns"), py::arg("path"), py::arg("format"), "Writes the table atomically, as the CLI's --out");
}
