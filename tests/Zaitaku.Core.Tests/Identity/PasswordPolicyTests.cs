using Zaitaku.Identity;

namespace Zaitaku.Core.Tests.Identity;

public sealed class PasswordPolicyTests
{
    [Fact]
    public void Check_LongMixedPassword_IsAccepted() =>
        Assert.Empty(PasswordPolicy.Check("Kinmu-Hokoku-2026", 12, "10001", "10001"));

    [Fact]
    public void Check_Short_SaysTheMinimumLength()
    {
        var problem = Assert.Single(PasswordPolicy.Check("Ab1-xyz", 12));
        Assert.IsType<PasswordTooShort>(problem);
        Assert.Equal("パスワードは12文字以上にしてください。", problem.Message.Ja);
    }

    [Fact]
    public void Check_OneClassOnly_AsksForThreeClasses() =>
        Assert.Contains(PasswordPolicy.Check("abcdefghijklmnop", 12), p => p is PasswordTooFewClasses);

    [Theory]
    [InlineData("Password1234!")]
    [InlineData("QWERTYuiop123")]
    [InlineData("Sakura2026!!")]
    public void Check_CommonPasswordWithDigitsAppended_IsRefused(string password) =>
        Assert.Contains(PasswordPolicy.Check(password, 12), p => p is PasswordCommon);

    [Fact]
    public void Check_ContainsStaffNumber_IsRefused() =>
        Assert.Contains(PasswordPolicy.Check("Zt-10042-Secure!", 12, "10042"), p => p is PasswordContainsPersonal);

    [Fact]
    public void GenerateTemporary_AlwaysMeetsThePolicy()
    {
        for (var i = 0; i < 200; i++) Assert.Empty(PasswordPolicy.Check(PasswordPolicy.GenerateTemporary(), 12));
    }

    [Fact]
    public void RecoveryCodes_AreTenDistinct_AndHashIgnoresCaseAndHyphen()
    {
        var codes = RecoveryCodes.Generate();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(RecoveryCodes.Hash(codes[0]), RecoveryCodes.Hash(codes[0].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));
    }
}
