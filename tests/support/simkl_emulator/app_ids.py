"""The Simkl app id the tests, the demo and the benchmarks build the add-on with and the emulator accepts.

It stands in for a maintainer's registered app id: the rig passes it to `make zip` in SIMKL_CLIENT_ID, and
tests/conftest.py puts it in the environment for add-on code run from the source tree. Any other id gets
the live service's answer to an unknown app: 412 client_id_failed."""

TEST_CLIENT_ID = "simklsync-test-app-0123456789abcdef"
