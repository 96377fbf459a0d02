"""Reading wrk's result line: what `factdb loadtest` reports must be what wrk measured."""

from __future__ import annotations

import pytest

from factdb.devtools.loadtest import parse_wrk_result


def test_a_clean_run_counts_every_request_as_200():
    output = "Running 15s test @ http://127.0.0.1:8000\nfactdb 7982 15012345 0 0 7412 8234 11456\n"
    outcome, seconds, percentiles = parse_wrk_result(output)
    assert outcome.statuses == {200: 7982}
    assert outcome.errors == []
    assert seconds == pytest.approx(15.012345)
    assert percentiles == pytest.approx({"p50": 7.412, "p95": 8.234, "p99": 11.456})


def test_answers_other_than_200_and_socket_errors_are_failures():
    outcome, _, _ = parse_wrk_result("factdb 100 1000000 7 3 1000 2000 3000")
    assert outcome.statuses == {200: 93, 0: 7}
    assert outcome.errors == ["3 socket errors"]


def test_output_without_the_result_line_is_an_error():
    with pytest.raises(RuntimeError, match="no result"):
        parse_wrk_result("unable to connect to 127.0.0.1:8000 Connection refused")
