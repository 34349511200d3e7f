package io.gradientconnector.localrun.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {

    private static final SamTemplate TEMPLATE = SamTemplate.parse("""
            Parameters:
              Stage: { Type: String, Default: dev }
              Size: { Type: Number, Default: 5 }
              Prefix: { Type: String, Default: "" }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              HasPrefix: !Not [!Equals [!Ref Prefix, ""]]
              Either: !Or [!Condition IsProd, !Condition HasPrefix]
            Resources:
              Queue: { Type: AWS::SQS::Queue }
            """);

    private static Intrinsics intrinsics(Map<String, String> overrides) {
        return new Intrinsics(TEMPLATE, overrides, PseudoParameters.local(), FunctionDefinitionsTest.FAKE);
    }

    private static Object value(Intrinsics intrinsics, String name) {
        return intrinsics.resolve(RAW.get(name));
    }

    private static final Map<String, Object> RAW = io.gradientconnector.cfn.CfnYaml.parse("""
            sub: !Sub "${AWS::StackName}-${Stage}-${Queue}-${Queue.Arn}-${!Literal}"
            subVars: !Sub ["${A}/${B}", { A: !Ref Size, B: x }]
            join: !Join ["-", [a, !Ref Stage, 3]]
            select: !Select [1, !Split [",", "a,b,c"]]
            ifElse: !If [IsProd, big, small]
            noValue: { keep: 1, drop: !If [IsProd, 2, !Ref AWS::NoValue] }
            list: [1, !Ref AWS::NoValue, 3]
            getAtt: !GetAtt Queue.QueueName
            region: !Ref AWS::Region
            """);

    @Test
    void resolve_shouldSubstituteParametersPseudoParametersRefsAndAttributes_whenSubIsAString() {
        assertEquals("local-dev-ref:Queue-att:Queue.Arn-${Literal}", value(intrinsics(Map.of()), "sub"));
    }

    @Test
    void resolve_shouldUseTheVariableMap_whenSubIsAList() {
        assertEquals("5/x", value(intrinsics(Map.of()), "subVars"));
    }

    @Test
    void resolve_shouldJoinSelectAndSplit_whenUsed() {
        assertEquals("a-dev-3", value(intrinsics(Map.of()), "join"));
        assertEquals("b", value(intrinsics(Map.of()), "select"));
        assertEquals("att:Queue.QueueName", value(intrinsics(Map.of()), "getAtt"));
        assertEquals("us-east-1", value(intrinsics(Map.of()), "region"));
    }

    @Test
    void resolve_shouldFollowConditions_whenParametersChange() {
        assertEquals("small", value(intrinsics(Map.of()), "ifElse"));
        assertEquals("big", value(intrinsics(Map.of("Stage", "prod")), "ifElse"));
        assertFalse(intrinsics(Map.of()).condition("Either"));
        assertTrue(intrinsics(Map.of("Prefix", "p/")).condition("Either"));
    }

    @Test
    void resolve_shouldDropProperties_whenTheyAreNoValue() {
        assertEquals(Map.of("keep", 1), value(intrinsics(Map.of()), "noValue"));
        assertEquals(List.of(1, 3), value(intrinsics(Map.of()), "list"));
    }

    @Test
    void resolve_shouldFailNamingTheName_whenRefIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> intrinsics(Map.of()).resolve(Map.of("Ref", "Nope")));
        assertTrue(e.getMessage().contains("Nope"), e.getMessage());
    }

    @Test
    void resolve_shouldFailNamingTheFunction_whenIntrinsicIsUnsupported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> intrinsics(Map.of()).resolve(Map.of("Fn::ImportValue", "x")));
        assertTrue(e.getMessage().contains("Fn::ImportValue"), e.getMessage());
    }

    @Test
    void constructor_shouldRejectAnOverride_whenTheTemplateHasNoSuchParameter() {
        assertThrows(IllegalArgumentException.class, () -> intrinsics(Map.of("Unknown", "1")));
    }
}
