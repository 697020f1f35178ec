"""Other messages in the middle of a report: danger, a question, a question that starts a task."""

from __future__ import annotations

import pytest

from bot.runtime.assembly import Runtime
from tests.chat import Chat
from tests.reporting import action_month_report, stored


def test_emergency_comes_first_in_the_middle_of_a_report(runtime: Runtime) -> None:
    chat = action_month_report(runtime)
    assert "(1/20)" in chat.text()
    chat.say("cứu tôi với, chồng tôi đang cầm dao đòi chém")
    assert chat.text().startswith("Nếu bạn hoặc ai đó đang gặp nguy hiểm, hãy gọi ngay 113")
    chat.say("1")
    assert "(2/20)" in chat.text()  # the report goes on where it was
    assert stored(runtime) == {}


def at_second_field(runtime: Runtime) -> Chat:
    """Start the Action Month report and answer its first question with 1."""
    chat = action_month_report(runtime)
    chat.say("1")
    assert "(2/20)" in chat.text()
    return chat


def test_a_question_in_the_middle_of_a_report_is_answered_and_the_report_kept(
    runtime: Runtime,
) -> None:
    # Twenty-ninth session: a question typed during a report got "cần một con số" until /huy.
    chat = at_second_field(runtime)
    chat.say("chồng đánh vợ thì bị phạt bao nhiêu tiền?")
    assert "282/2025/NĐ-CP" in chat.text()
    assert "cần một con số" not in chat.text()
    assert "vẫn được giữ nguyên" in chat.last[-2].text
    assert "(2/20)" in chat.last[-1].text
    chat.say("không có ai tham gia cả")  # no question: an answer to the step, as before
    assert "cần một con số" in chat.text()
    chat.say("120")
    assert "(3/20)" in chat.text()
    assert runtime.app.store.load_session("web:officer").data["values"]["launch_events"] == 1


@pytest.mark.parametrize(
    "question", ["hạn nộp báo cáo là ngày nào?", "bạn ơi có ai giúp tôi không?"]
)
def test_a_question_aside_that_would_start_or_end_a_flow_keeps_the_report(
    runtime: Runtime, question: str
) -> None:
    # Twenty-ninth session: answered aside, "hạn nộp báo cáo …" started a new report (the values
    # typed were lost) and a request for help showed the menu, which ends every flow.
    chat = at_second_field(runtime)
    chat.say(question)
    assert "dừng việc bạn đang làm dở" in chat.text()
    assert "(2/20)" in chat.text()
    session = runtime.app.store.load_session("web:officer")
    assert session.state == "rep:field"
    assert session.data["values"]["launch_events"] == 1
