namespace Zaitaku.Tasks;

/// <summary>
/// Bad task-inventory input: a stable code, the field at fault (<c>assignments[12].taskId</c>)
/// and a message that starts with it. Nothing is computed from input that has one.
/// </summary>
public sealed record TaskInputError : Error
{
    public TaskInputError(string code, string field, string detailJa, string detailEn)
        : base(code, new LocalizedText($"{field}: {detailJa}", $"{field}: {detailEn}"))
    {
        Field = field;
    }

    /// <summary>Path of the field at fault.</summary>
    public string Field { get; }
}

/// <summary>The stable codes of <see cref="TaskInputError"/>.</summary>
public static class TaskErrorCodes
{
    public const string MissingValue = "task_value_missing";
    public const string DuplicateId = "task_id_duplicate";
    public const string UnknownReference = "task_reference_unknown";
    public const string OutOfRange = "task_value_out_of_range";
    public const string SharesAboveWhole = "task_shares_above_100";
    public const string DuplicateAssignment = "task_assignment_duplicate";
    public const string JustificationTooShort = "task_override_justification_too_short";
    public const string JustificationTooLong = "task_override_justification_too_long";
    public const string OverrideMyNumber = "task_override_mynumber";
}
