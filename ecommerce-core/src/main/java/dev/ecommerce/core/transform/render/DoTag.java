package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import com.hubspot.jinjava.tree.TagNode;

/**
 * {@code {% do expression %}} as in Jinja: the value is thrown away, so a none value ({@code {% do
 * columns.update({...}) %}}: Python's {@code update} returns None) is no error; with unknown tokens failing,
 * Jinjava's own {@code do} takes it for an unknown name.
 */
final class DoTag extends com.hubspot.jinjava.lib.tag.DoTag {

    private static final long serialVersionUID = 1L;

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
        try {
            return super.interpret(tagNode, interpreter);
        } catch (UnknownTokenException e) {
            if (e.getToken() != null
                    && e.getToken().strip().equals(tagNode.getHelpers().strip())) {
                return ""; // the whole expression was none: what `do` discards anyway
            }
            throw e;
        }
    }
}
