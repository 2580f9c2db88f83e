using PhiGate.Rego.Diagnostics;

namespace PhiGate.Rego.Lexing;

/// <summary>A token; <see cref="NewlineBefore"/> records a line break since the previous token (Rego separates expressions by newlines).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, Location Location, bool NewlineBefore, bool SpaceBefore)
{
    public bool Is(TokenKind k) => Kind == k;

    public bool IsIdent(string name) => Kind == TokenKind.Ident && Text == name;
}
