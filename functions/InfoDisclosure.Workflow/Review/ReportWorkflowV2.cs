using InfoDisclosure.Workflow.Publishing;
using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// Version 2 of a report's life ("ReportWorkflow_v2"; <see cref="ReportWorkflowV1"/> stays registered for the
/// instances that run it). The same stages as v1, with these changes to the awaited sequence:
/// <list type="bullet">
/// <item>Every send to the outside (reviewers' and drafters' e-mail, reminders, 报送, the portal push) goes through
/// <see cref="DurableSender"/>: retried on durable timers for hours instead of failing the orchestration, with the
/// notificationFailed flag shown meanwhile and the administrator's resend event.</item>
/// <item>A permanent failure of 报送 or the push (a 4xx) ends in PublishFailed at once; 5xx and timeouts are retried.</item>
/// <item>报送 is keyed by the approved version ("{instanceId}:v{n}:delivery"): delivered once per approved version.</item>
/// <item>The input may carry a <see cref="ResumePoint"/>: an instance that failed is started again, under the same id,
/// from the stage the report index recorded (<see cref="ReportRecoveryService"/>).</item>
/// </list>
/// Each step is one activity per I/O: RecordStage, then the send (<see cref="ReportRun"/> has the stages).
/// <see cref="ReportWorkflowV3"/> merges them; this sequence stays for the instances that run v2.
/// </summary>
public sealed class ReportWorkflowV2 : TaskOrchestrator<ReportWorkflowInput, ReportOutcome>
{
    public const string Name = "ReportWorkflow_v2";

    public override Task<ReportOutcome> RunAsync(TaskOrchestrationContext context, ReportWorkflowInput input) =>
        new Run(context, input).RunAsync();

    private sealed class Run(TaskOrchestrationContext context, ReportWorkflowInput input) : ReportRun(context, input)
    {
        protected override async Task StartLevelAsync(StageChange change, ReviewRequest request)
        {
            await EnterAsync(change);
            await Send.SendAsync<string>(RequestReview.Name, request, request.NotificationId, SendKind.Notification);
        }

        protected override async Task EnterAndTellDrafterAsync(StageChange change, Func<DrafterNotice> notice)
        {
            await EnterAsync(change);
            await SendNoticeAsync(notice());
        }

        protected override async Task<SendOutcome<DeliveryReceipt>> DeliverAsync(DeliveryRequest delivery, Func<StageChange> submitted, Func<DrafterNotice> notice)
        {
            var sent = await Send.SendAsync<DeliveryReceipt>(DeliverReport.Name, delivery, delivery.DeliveryId, SendKind.Delivery);
            if (sent.Status == SendStatus.Sent)
            {
                await EnterAsync(submitted());
                await SendNoticeAsync(notice());
            }
            return sent;
        }

        protected override async Task<SendOutcome<Publication>> PublishAsync(StageChange publishing, PublicationRequest push)
        {
            await EnterAsync(publishing);
            return await Send.SendAsync<Publication>(PublishReport.Name, push, push.IdempotencyKey, SendKind.PortalPush);
        }

        /// <summary>Records the stage in the index and the audit log, then shows it in the custom status (as v1 does).</summary>
        private async Task EnterAsync(StageChange change)
        {
            change = change with { At = Now };
            await Context.CallActivityAsync<string>(RecordStage.Name, change, Retry);
            Send.Show(change);
        }
    }
}
