"""Bash's TAB, with the words as they were typed. Bash splits the line at ':' and '=' too (they are in
its COMP_WORDBREAKS), so ``actplot plot leaky_relu:al<TAB>`` reached Click as the words ``leaky_relu``,
``:`` and ``al``, Click completed ``al`` and offered nothing (zsh and fish pass ``leaky_relu:al`` whole).
Imported only when the shell asks."""

from __future__ import annotations

import os

from click.shell_completion import BashComplete, CompletionItem, split_arg_string

_BREAKS = frozenset(":=")  # the characters of bash's COMP_WORDBREAKS that an actplot argument holds


class Bash(BashComplete):
    """Click's bash protocol, the words bash split at ':' and '=' joined again; each completion is
    then given as the part that replaces bash's own word (after the last ':' or '=')."""

    shell_prefix = ""  # what the joined word holds before bash's own word

    def get_completion_args(self) -> tuple[list[str], str]:
        words = split_arg_string(os.environ["COMP_WORDS"])
        cword = int(os.environ["COMP_CWORD"])
        words = words[1 : cword + 1] + [""] * (cword + 1 - max(len(words), 1))  # the word at the cursor may be ''
        joined: list[str] = []
        glue = False  # the word before was a run of ':' and '=': this one goes on from it
        for word in words:
            breaks = bool(word) and _BREAKS.issuperset(word)
            if joined and word and (breaks or glue):
                joined[-1] += word
            else:
                joined.append(word)
            glue = breaks
        if not joined:
            return [], ""
        incomplete = joined[-1]
        self.shell_prefix = incomplete[: len(incomplete) - len(words[-1])] if words else ""
        return joined[:-1], incomplete

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        items = super().get_completions(args, incomplete)
        # '--format=cs': Click completes the value after '=', as the text replacing all after it
        option, equals, _ = incomplete.partition("=")
        self.option_prefix = option + equals if equals and incomplete.startswith("-") else ""
        return items

    def format_completion(self, item: CompletionItem) -> str:
        if item.type != "plain" or not self.shell_prefix:
            return super().format_completion(item)
        value = item.value if item.value.startswith(self.option_prefix) else self.option_prefix + item.value
        if not value.startswith(self.shell_prefix):
            return "plain,"  # (no such completion: an empty line offers nothing)
        return f"plain,{value[len(self.shell_prefix) :]}"
