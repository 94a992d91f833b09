namespace Zaitaku.Planning;

/// <summary>One place where an instance breaks its own format, named by its JSON path (e.g. <c>staff[12].section</c>).</summary>
/// <param name="Field">The JSON path of the bad value.</param>
/// <param name="Message">What is wrong, starting with the field.</param>
public sealed record InstanceIssue(string Field, LocalizedText Message);

/// <summary>
/// The instance breaks its own format. <see cref="Error.Message"/> is the first issue (with a count
/// of the others); <see cref="Issues"/> lists them all in document order.
/// </summary>
public sealed record RotationInstanceInvalid(IReadOnlyList<InstanceIssue> Issues)
    : Error("rotation_instance_invalid", Summarize(Issues))
{
    private static LocalizedText Summarize(IReadOnlyList<InstanceIssue> issues)
    {
        var first = issues[0].Message;
        return issues.Count == 1
            ? first
            : new LocalizedText($"{first.Ja}（ほか {issues.Count - 1} 件）", $"{first.En} (and {issues.Count - 1} more)");
    }
}
