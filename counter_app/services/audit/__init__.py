"""The tamper-evident event log: appending, sealing case rows, checking chains, verify-audit."""
