using System;
using System.Collections.Generic;

namespace DockerHarden.Views.Compose
{
    /// <summary>The kind of a YAML node in the plain document model.</summary>
    internal enum YamlNodeKind
    {
        Scalar,
        Mapping,
        Sequence,
        /// <summary>A <c>*name</c> reference; <see cref="YamlNode.Target"/> is the anchored node.</summary>
        Alias,
    }

    /// <summary>How a scalar is written, so that an edit can write a new value the same way.</summary>
    internal enum YamlScalarStyle
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
        Folded,
    }

    /// <summary>
    /// One node of a parsed compose file, free of any YamlDotNet type (the parser lives in the adapter's private
    /// load context). Offsets are character indexes into <see cref="ComposeDocument.Text"/> (BOM excluded).
    /// </summary>
    internal sealed class YamlNode
    {
        public YamlNodeKind Kind { get; init; }
        /// <summary>The scalar's value (after unquoting), or the alias name for an alias.</summary>
        public string Value { get; init; } = "";
        /// <summary>An explicit tag (<c>!!str</c>), or empty.</summary>
        public string Tag { get; init; } = "";
        public YamlScalarStyle Style { get; init; }
        /// <summary>True for <c>{...}</c> and <c>[...]</c> collections.</summary>
        public bool Flow { get; init; }
        /// <summary>Where the node's text starts (an anchor or tag before it included).</summary>
        public int Start { get; init; }
        /// <summary>
        /// Where the node's text ends: exact for scalars, aliases and flow collections; for block collections, the
        /// end of their last descendant.
        /// </summary>
        public int End { get; set; }
        /// <summary>Where the value itself starts, after any anchor or tag (equal to Start without them).</summary>
        public int ContentStart { get; init; }
        /// <summary>1-based line and column of <see cref="ContentStart"/>.</summary>
        public int Line { get; init; }
        public int Column { get; init; }
        /// <summary>The anchor this node defines (<c>&amp;name</c>), or empty.</summary>
        public string Anchor { get; init; } = "";
        /// <summary>For an alias: the node it refers to.</summary>
        public YamlNode? Target { get; init; }
        /// <summary>Mapping entries in file order (merge keys <c>&lt;&lt;</c> included as written).</summary>
        public List<KeyValuePair<YamlNode, YamlNode>> Pairs { get; } = new();
        /// <summary>Sequence items in file order.</summary>
        public List<YamlNode> Items { get; } = new();

        /// <summary>The node itself, or the node an alias points at.</summary>
        public YamlNode Deref => Kind == YamlNodeKind.Alias && Target is not null ? Target : this;

        /// <summary>True for a plain empty scalar or ~/null: YAML's null.</summary>
        public bool IsNull => Kind == YamlNodeKind.Scalar && Style == YamlScalarStyle.Plain && Tag.Length == 0 &&
            (Value.Length == 0 || Value == "~" || string.Equals(Value, "null", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A parsed compose file: its text (what edits apply to) and its root node.</summary>
    internal sealed class ComposeDocument
    {
        public ComposeDocument(string path, string text, YamlNode? root)
        {
            Path = path;
            Text = text;
            Root = root;
        }

        public string Path { get; }
        /// <summary>The file's text without a BOM; line ends as in the file.</summary>
        public string Text { get; }
        /// <summary>Null for a file with no document (empty or only comments).</summary>
        public YamlNode? Root { get; }
    }

    /// <summary>A compose file that cannot be read: the file, the 1-based line and column, and what is wrong.</summary>
    internal sealed class ComposeParseException : Exception
    {
        public ComposeParseException(string path, int line, int column, string reason, Exception? inner = null)
            : base($"{path}:{line}:{column}: {reason}", inner)
        {
            FilePath = path;
            Line = line;
            Column = column;
            Reason = reason;
        }

        public string FilePath { get; }
        public int Line { get; }
        public int Column { get; }
        public string Reason { get; }
    }
}
