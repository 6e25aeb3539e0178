/**
 * `style=${cssProps({ '--_c': colour })}`: sets custom properties (or any
 * property) through the CSSOM on every render, the first one included. Lit's
 * `styleMap` writes a `style` attribute on first render, which a strict
 * Content-Security-Policy (`style-src` without 'unsafe-inline') refuses;
 * `style.setProperty` is always allowed.
 */
import { noChange } from 'lit';
import { Directive, PartType, directive, type AttributePart, type PartInfo } from 'lit/directive.js';

class CssProps extends Directive {
  private previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== 'style') throw new Error('cssProps() belongs in a style attribute: style=${cssProps({...})}');
  }

  render(_props: Readonly<Record<string, string | undefined>>): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [Readonly<Record<string, string | undefined>>]): typeof noChange {
    const style = part.element.style;
    for (const name of this.previous) if (props[name] === undefined) style.removeProperty(name);
    this.previous = new Set();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      this.previous.add(name);
    }
    return noChange;
  }
}

export const cssProps = directive(CssProps);
