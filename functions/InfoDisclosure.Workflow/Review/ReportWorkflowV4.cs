using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// Version 4 of a report's life ("ReportWorkflow_v4", the one new reports start on; v1 to v3 stay registered for the
/// instances that run them): <see cref="ReportWorkflowV3"/>'s steps and awaited sequence, with a stage entered through
/// <see cref="EnterStage"/> (a level, or the drafter's stages) shown in the custom status by the episode that schedules
/// the step, one activity earlier than v3 shows it.
/// <para>
/// Why: v3 showed a level only after EnterStage had written the index, asked the reviewers by e-mail and its result
/// had come back through the control queue to a second episode, so a decision took two episodes, a work-item hop, an
/// e-mail and a control-queue hop to show (load 100: p50 3.6 s against a floor of 0.46 s for one episode). The cost:
/// for the length of that activity the custom status (DfMon, the overview's workflow view) runs ahead of the report
/// index, which still shows the previous level and is what a decision is checked against (a decision for the new level
/// posted in that moment is refused as not current, 409, and can be posted again). Reviewers are unaffected: they are
/// asked by the e-mail EnterStage sends after it has written the index.
/// </para>
/// </summary>
public sealed class ReportWorkflowV4 : TaskOrchestrator<ReportWorkflowInput, ReportOutcome>
{
    public const string Name = "ReportWorkflow_v4";

    public override Task<ReportOutcome> RunAsync(TaskOrchestrationContext context, ReportWorkflowInput input) =>
        new ReportWorkflowV3.Run(context, input, showBeforeRecorded: true).RunAsync();
}
